"""Threads: the content rules read the posts as one text, each post's length counts on its own."""

from __future__ import annotations

import json

import pytest

from guard.engine import Guard
from guard.errors import DraftError
from guard.report.shapes import report_dict
from guard.sources.thread import split_posts
from guard.thread import SEPARATOR, Thread, numbering

PACK = """\
version: 1
name: acme
rules:
  - id: codename.heron
    category: codename
    severity: critical
    terms: ["Blue Heron"]
    message: Internal project codename
  - id: client.globex
    category: client
    severity: critical
    terms: [Globex]
    near: {category: money, window: 12}
    message: A client named next to an amount
  - id: money.amount
    category: money
    severity: info
    pattern: '\\$\\d+(?:\\.\\d+)?[MBK]?'
    message: An amount
  - id: phone.number
    category: pii
    severity: high
    pattern: '\\d{3}[\\s-]+\\d{4}'
    message: A phone number
  - id: fraction.figure
    category: figure
    severity: high
    pattern: '\\b\\d/\\d\\b'
    message: A ratio
"""


@pytest.fixture
def guard(write_pack) -> Guard:
    return Guard.from_files([str(write_pack(PACK))], nlp=False)


def test_a_codename_split_over_two_posts_blocks(guard):
    report = guard.check_thread(["1/2 Big news: the Blue", "2/2 Heron beta ships Monday 🧵"])
    assert report.verdict == "block"
    (f,) = report.findings
    assert (f.rule, f.post, f.start, f.end_post, f.end) == ("codename.heron", 0, 18, 1, 9)
    assert f.text == "Blue" + SEPARATOR + "2/2 Heron"
    data = report_dict(report)["findings"][0]
    assert (data["post"], data["start"], data["end_post"], data["end"]) == (0, 18, 1, 9)
    # Disguised on both sides of the boundary (a Cyrillic e, leetspeak) it is still found.
    disguised = guard.check_thread(["the Blu\u0435", "H3r0n ships"])
    assert [(f.post, f.start, f.end_post, f.end) for f in disguised.findings] == [(0, 4, 1, 5)]
    # Each half alone is nothing.
    assert guard.check("Big news: the Blue").findings == ()


def test_a_client_in_post_1_with_its_deal_value_in_post_2_blocks(guard):
    report = guard.check_thread(["We just closed with Globex.", "The deal is worth $4.5M."])
    assert report.verdict == "block"
    found = {(f.rule, f.post, f.start, f.end) for f in report.findings}
    assert found == {("client.globex", 0, 20, 26), ("money.amount", 1, 18, 23)}
    assert guard.check("We just closed with Globex.").verdict == "allow"


def test_offsets_are_relative_to_the_post_with_emoji_and_accents(guard):
    posts = ["🧵 Été à Paris 👩🏽‍💻 Blue", "Heron Réunion — Globex signe pour $12M 🎉"]
    report = guard.check_thread(posts)
    assert [(f.rule, f.post, f.start, f.end, f.end_post) for f in report.findings] == [
        ("codename.heron", 0, 19, 5, 1), ("client.globex", 1, 16, 22, None),
        ("money.amount", 1, 34, 38, None)]
    for f in report.findings[1:]:
        assert posts[f.post][f.start:f.end] == f.text
    assert posts[0][19:] == "Blue" and posts[1][:5] == "Heron"


def test_each_post_length_counts_as_x_counts_it(guard):
    fits, over = "界" * 140, "界" * 141  # CJK counts 2: 280 fits, 282 does not
    report = guard.check_thread(["Short intro https://example.com/" + "a" * 200, fits, over])
    assert [n.weighted for n in report.posts] == [35, 280, 282]
    assert [n.fits for n in report.posts] == [True, True, False]
    assert report.verdict == "block" and report.score == 0
    (f,) = report.findings
    assert (f.rule, f.post, f.start, f.end) == ("length.limit", 2, 140, 141)
    assert report.length == report.posts[2]  # the top-level length is the first that overflows
    data = report_dict(report)
    assert [p["length"]["weighted"] for p in data["posts"]] == [35, 280, 282]


def test_numbering_never_counts_as_content(guard):
    assert guard.check("1/2 ratio").findings != ()  # the pattern matches a ratio in a draft
    report = guard.check_thread(["1/2 Lovely morning", "(2/2) Coffee 🧵", "3/n Done", "Bye 4/4"])
    assert report.findings == ()
    assert numbering("2/5 text 🧵 more 5/5") == [(0, 3), (9, 10), (16, 19)]
    assert numbering("ratio 1/2 inside") == []
    # Numbering is still published: it counts toward the post's length.
    assert report.posts[0].weighted == len("1/2 Lovely morning")


def test_a_pattern_never_matches_across_two_posts(guard):
    report = guard.check_thread(["Call me on 555", "1234 is my lucky number"])
    assert report.findings == ()
    assert [f.rule for f in guard.check("Call me on 555 1234").findings] == ["phone.number"]


def test_single_post_report_is_unchanged(guard):
    data = report_dict(guard.check("the Blue Heron ships"))
    assert "posts" not in data and "attachments" not in data
    assert set(data["findings"][0]) == {"rule", "category", "severity", "confidence", "start",
                                        "end", "text", "message", "suggestion", "evidence"}


def test_bad_threads_are_refused_naming_the_post(guard):
    with pytest.raises(DraftError, match=r"^post 2: the draft is empty"):
        guard.check_thread(["fine", "  "])
    with pytest.raises(DraftError, match="a thread is a list"):
        guard.check_thread([])
    with pytest.raises(DraftError, match="a thread is a list"):
        guard.check_thread("one string")  # type: ignore[arg-type]


def test_thread_text_splits_on_dash_lines():
    assert split_posts("one\n---\ntwo\r\n---  \nthree\n", "x") == ["one", "two", "three"]
    assert split_posts("---\none\n---\n", "x") == ["one"]
    assert split_posts("a --- b\n----\nc", "x") == ["a --- b\n----\nc"]
    with pytest.raises(DraftError, match="x: post 2 of the thread is empty"):
        split_posts("one\n---\n---\ntwo", "x")


def test_thread_joins_offsets_back():
    t = Thread.of(("ab", "cd"))
    assert t.text == "ab\n\ncd" and t.locate(4) == (1, 0) and t.locate(1) == (0, 1)


def test_cli_thread_from_arguments_stdin_and_files(cli, write_pack, tmp_path):
    pack = str(write_pack(PACK))
    run = cli("check", "--rules", pack, "--thread", "1/2 the Blue", "2/2 Heron ships 🧵")
    assert run.code == 1
    assert run.out.splitlines()[:5] == [
        "BLOCK  score 90/100 (warn ≥40, block ≥70)  length 18/280 x  policy acme",
        "  2 posts, lengths 1: 12/280, 2: 18/280",
        "",
        "  critical codename.heron  Internal project codename",
        "    post 1 to post 2:",
    ]
    run = cli("check", "--rules", pack, "--thread", "-", "--format", "json",
              stdin=b"We closed with Globex.\n---\nWorth $4M.\n")
    data = json.loads(run.out)
    assert run.code == 1 and len(data["posts"]) == 2
    assert [(f["rule"], f["post"]) for f in data["findings"]] == [("client.globex", 0),
                                                                 ("money.amount", 1)]
    (tmp_path / "p1.txt").write_text("Lovely day, the Blue", encoding="utf-8")
    (tmp_path / "p2.txt").write_text("Heron flew by", encoding="utf-8")
    run = cli("check", "--rules", pack, "--thread", "-f", "p1.txt", "-f", "p2.txt",
              "--format", "json", "--redact")
    finding = json.loads(run.out)["findings"][0]
    assert run.code == 1 and finding["text"] == "****\n\n*****"
    assert cli("check", "--rules", pack, "one", "two").code == 2
    assert "--thread" in cli("check", "--rules", pack, "one", "two").err
    assert cli("check", "--rules", pack, "--thread", "a", "--format", "sarif").code == 2


def test_scan_reads_posts_as_a_thread(cli, write_pack, tmp_path):
    pack = str(write_pack(PACK))
    lines = [{"id": "t", "posts": ["1/2 the Blue", "2/2 Heron"]}, {"id": "s", "text": "hello"},
             {"id": "bad", "posts": "not a list"}, {"id": "empty", "posts": ["ok", ""]}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    run = cli("scan", "--rules", pack, "in.jsonl")
    results = [json.loads(line) for line in run.out.splitlines()]
    assert run.code == 1
    assert results[0]["verdict"] == "block" and results[0]["findings"][0]["end_post"] == 1
    assert len(results[0]["posts"]) == 2
    assert "posts" not in results[1]
    assert results[2] == {"id": "bad", "error": "line 3: 'posts' must be a non-empty list of "
                          "strings"}
    assert results[3]["error"].startswith("post 2: the draft is empty")


def test_hook_reads_a_scheduled_thread_as_one(cli, write_pack, tmp_path):
    pack = str(write_pack(PACK))
    (tmp_path / "posts.yaml").write_text(
        "posts:\n"
        "  - id: launch\n"
        "    text:\n"
        "      - \"1/2 Big news: the Blue\"\n"
        "      - \"2/2 Heron beta is out\"\n"
        "  - id: hello\n"
        "    text: Hello world\n"
        "  - id: broken\n"
        "    text: [\"fine\", \"\"]\n",
        encoding="utf-8",
    )
    run = cli("hook", "--rules", pack, "posts.yaml")
    assert run.code == 1
    assert run.out.splitlines() == [
        "posts.yaml:9:20: guard.unreadable: broken: post 2 of the thread needs a non-empty text",
        'posts.yaml:4:9: codename.heron: Internal project codename "****  *** *****" in launch, '
        "post 1 to 2 (critical, draft block)",
        "tweet-guard: 1 of 2 draft(s) in 1 file(s) not fit to post, 1 unreadable",
    ]


@pytest.mark.nlp
@pytest.mark.parametrize("posts", [
    ["We signed the contract with Globex.", "It is worth $4.5M this quarter."],
    ["Nous avons signé le contrat avec Globex.", "Il vaut 4,5 M€ ce trimestre."],
])
def test_default_pack_meets_a_deal_word_and_its_amount_over_two_posts(posts):
    guard = Guard.default()
    first, second = (guard.check(p) for p in posts)
    # Each post alone is nothing: a plain statement of a signed contract (no secrecy cue, no
    # figure, no date to come) stays quiet in both languages since the events model's round three.
    assert first.verdict == "allow"
    assert second.verdict == "allow"
    report = guard.check_thread(posts)
    # warn from the amount next to the deal word; the events rules may also read the thread as
    # an unannounced customer win with its amount (event.mnpi, block).
    assert report.verdict in ("warn", "block") and report.nlp == "ran"
    amount = next(f for f in report.findings if f.rule == "financial.amount-near-deal")
    assert amount.post == 1 and posts[1][amount.start:amount.end] == amount.text
