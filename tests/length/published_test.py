"""What a platform counted of a published post: display range, attachment links, reply handles."""

from __future__ import annotations

from guard.length.published import counted_range, published_length


def test_reply_handles_and_attachment_links_are_left_out():
    text = "@alice @bob_1 Merci 🎉 pour le café https://t.co/abcdefghij https://t.co/zyxwvutsrq"
    start, end = counted_range(
        text, attachments=["https://t.co/abcdefghij", "https://t.co/zyxwvutsrq"], reply=True
    )
    assert text[start:end] == "Merci 🎉 pour le café"


def test_a_display_range_is_trusted_and_a_mention_inside_it_counts():
    text = "@alice @carol thanks for the 新しい photo https://t.co/abcdefghij"
    shown = text.index(" https://t.co")
    start, end = counted_range(text, (7, shown), attachments=["https://t.co/abcdefghij"])
    assert text[start:end] == "@carol thanks for the 新しい photo"


def test_a_post_of_handles_only_or_a_photo_only_is_counted_as_it_is():
    assert counted_range("@alice @bob ", reply=True) == (0, 12)
    assert counted_range("https://t.co/abcdefghij", attachments=["https://t.co/abcdefghij"]) == (
        0, 0
    )
    middle = "a link in the middle https://t.co/x of text"
    assert counted_range(middle, attachments=["https://t.co/x"]) == (0, len(middle))


def test_a_bad_display_range_falls_back_to_the_whole_text():
    assert counted_range("hello", (4, 2)) == (0, 5)
    assert counted_range("hello", (0, 99)) == (0, 5)


def test_overflow_is_an_offset_into_the_whole_text():
    text = "@alice " + "é" * 290
    length = published_length(text, "x", (7, len(text)))
    assert (length.weighted, length.fits, length.overflow_at) == (290, False, 7 + 280)
    assert published_length(text, "mastodon", None).fits
