"""`guard scan` reads the archives the platforms give and agrees with the same texts in JSONL."""

from __future__ import annotations

import json

import pytest

from guard.sources.mastodon import html_text
from tests.sources.archives import bluesky_car, outbox, tweet, tweets_js, x_zip

TEXTS = [
    "Falcon beta ships to testers next week",
    "Watched the Falcon Heavy launch tonight 🚀",
    "Café & croissants <3 with the team, see https://example.com/blog/2024/05/team-breakfast",
    "Nouveau: le projet F4lc0n arrive 🇫🇷",
    "新しいカメラを買いました",
    "Hello @bob, the Falcon deck is at https://intranet.acme.example/decks/falcon-q3.pdf",
    "Two lines\nsecond one\n\nand a paragraph",
]


def results(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def essentials(rows: list[dict]) -> list[tuple]:
    return [
        (r["verdict"], r["score"], [(f["rule"], f["start"], f["end"], f["text"])
                                    for f in r["findings"]])
        for r in rows
    ]


@pytest.fixture
def jsonl_run(cli, falcon_pack, tmp_path):
    def run(texts: list[str]) -> list[dict]:
        path = tmp_path / "same.jsonl"
        lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return results(cli("scan", path, "--rules", falcon_pack).out)

    return run


def test_x_archive_zip_gives_the_verdicts_of_the_same_texts_in_jsonl(
    cli, falcon_pack, tmp_path, jsonl_run
):
    items = [tweet(f"10{i:04d}", text) for i, text in enumerate(TEXTS)]
    zipped = x_zip(tmp_path / "twitter-2024-05-01-abc.zip", items)
    run = cli("scan", zipped, "--rules", falcon_pack)
    got = results(run.out)
    assert essentials(got) == essentials(jsonl_run(TEXTS))
    assert [r["id"] for r in got] == [f"10{i:04d}" for i in range(len(TEXTS))]
    assert got[0]["url"] == "https://x.com/acme/status/100000"
    assert got[0]["time"] == "2018-10-10T20:19:24+00:00"
    assert all(r["published"] is True for r in got)
    assert run.code == 1 and "scanned 7 drafts" in run.err


def test_x_tweets_js_alone_and_its_links_read_as_people_saw_them(cli, falcon_pack, tmp_path):
    path = tmp_path / "tweets.js"
    path.write_text(tweets_js([tweet("1", TEXTS[5]), tweet("2", TEXTS[2])]), encoding="utf-8")
    got = results(cli("scan", path, "--rules", falcon_pack, "--no-nlp").out)
    # t.co hides the link; the scan sees the intranet URL behind it, and '&amp;' as '&'
    spans = [(f["start"], f["text"]) for f in got[0]["findings"]]
    assert spans == [(TEXTS[5].index("Falcon"), "Falcon"), (TEXTS[5].index("falcon-q3"), "falcon")]
    assert got[0]["url"] == "https://x.com/i/web/status/1"
    assert got[1]["verdict"] == "allow"


def test_mastodon_outbox_gives_the_verdicts_of_the_same_texts_in_jsonl(
    cli, falcon_pack, tmp_path, jsonl_run
):
    path = tmp_path / "outbox.json"
    path.write_text(json.dumps(outbox(TEXTS), indent=2, ensure_ascii=False), encoding="utf-8")
    got = results(cli("scan", path, "--rules", falcon_pack).out)
    assert essentials(got) == essentials(jsonl_run(TEXTS))
    assert got[0]["id"] == "https://social.example/users/acme/statuses/1001"
    assert got[0]["url"] == "https://social.example/@acme/1001"
    assert got[0]["time"] == "2024-05-01T10:00:00Z"
    assert got[0]["length"]["platform"] == "mastodon"
    assert len(got) == len(TEXTS)  # the boost is someone else's post


def test_bluesky_repository_car_gives_the_verdicts_of_the_same_texts_in_jsonl(
    cli, falcon_pack, tmp_path, jsonl_run
):
    path = bluesky_car(tmp_path / "repo.car", TEXTS)
    got = results(cli("scan", path, "--rules", falcon_pack).out)
    assert essentials(got) == essentials(jsonl_run(TEXTS))
    assert got[0]["id"] == "at://did:plc:acme/app.bsky.feed.post/3kabc0000"
    assert got[0]["url"] == "https://bsky.app/profile/did:plc:acme/post/3kabc0000"
    assert got[6]["time"] == "2024-05-01T10:06:00.000Z"
    assert {r["length"]["platform"] for r in got} == {"bluesky"}


def test_bluesky_posts_json_reads_like_the_car(cli, falcon_pack, tmp_path, jsonl_run):
    records = {"records": [
        {"uri": f"at://did:plc:acme/app.bsky.feed.post/3k{i}", "cid": "bafy",
         "value": {"$type": "app.bsky.feed.post", "text": t, "createdAt": "2024-05-01T10:00:00Z"}}
        for i, t in enumerate(TEXTS)
    ], "cursor": "3k6"}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    got = results(cli("scan", path, "--rules", falcon_pack).out)
    assert essentials(got) == essentials(jsonl_run(TEXTS))
    assert got[1]["url"] == "https://bsky.app/profile/did:plc:acme/post/3k1"


def test_mastodon_html_becomes_the_text_people_read():
    content = (
        '<p>Hi <span class="h-card"><a href="https://m.example/@bob" class="u-url mention">'
        '@<span>bob</span></a></span> &amp; team,<br />see <a href="https://example.com/a/very/'
        'long/path"><span class="invisible">https://</span><span class="ellipsis">example.com/'
        'a/very/lo</span><span class="invisible">ng/path</span></a></p><p>Café ✨ '
        '<a href="https://m.example/tags/launch" class="mention hashtag">#<span>launch</span>'
        "</a></p>"
    )
    assert html_text(content) == (
        "Hi @bob & team,\nsee https://example.com/a/very/long/path\n\nCafé ✨ #launch"
    )


def test_published_posts_are_not_blocked_for_attachment_links_and_reply_handles(
    cli, falcon_pack, tmp_path
):
    body = "é" * 270  # 270 weighted on X
    items = [
        tweet("1", body, reply_to=["alice", "bob_the_builder", "carol"], media=True),
        tweet("2", body, quote="https://x.com/other/status/123"),
        tweet("3", body, reply_to=["alice", "bob"], media=True, display=False),
    ]
    path = tmp_path / "tweets.js"
    path.write_text(tweets_js(items), encoding="utf-8")
    run = cli("scan", path, "--rules", falcon_pack)
    got = results(run.out)
    assert [r["verdict"] for r in got] == ["allow"] * 3
    assert [r["length"]["weighted"] for r in got] == [270, 270, 270]
    assert all(r["findings"] == [] and r["published"] for r in got)
    assert run.code == 0
    # The same stored texts, checked as drafts before posting, are measured whole as today.
    stored = [i["tweet"]["full_text"] for i in items]
    (tmp_path / "drafts.jsonl").write_text(
        "\n".join(json.dumps({"text": t}) for t in stored), encoding="utf-8"
    )
    drafts = results(cli("scan", "drafts.jsonl", "--rules", falcon_pack).out)
    assert [r["verdict"] for r in drafts] == ["block"] * 3
    assert drafts[0]["length"]["weighted"] == 31 + 270 + 24  # handles, body, space and photo link


def test_a_published_post_over_the_limit_gets_an_info_finding_and_keeps_its_verdict(
    cli, falcon_pack, tmp_path
):
    text = "Falcon " + "a" * 300  # an old post, or one written when the limit was larger
    path = tmp_path / "tweets.js"
    path.write_text(tweets_js([tweet("1", text), tweet("2", "b" * 300)]), encoding="utf-8")
    got = results(cli("scan", path, "--rules", falcon_pack).out)
    assert [r["verdict"] for r in got] == ["block", "allow"]  # the codename blocks, not length
    info = got[1]["findings"][0]
    assert (info["rule"], info["category"], info["severity"]) == (
        "length.published", "length", "info"
    )
    assert (info["start"], info["end"]) == (280, 300)
    assert got[1]["length"] == {"platform": "x", "weighted": 300, "limit": 280, "fits": False,
                                "overflow_at": 280}
    assert got[1]["score"] == 0


def test_csv_reads_the_text_column_and_keeps_ids(cli, falcon_pack, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        'id,created_at,body\nA1,2024-05-01,"Falcon, in a cell\nwith a line break"\n'
        "A2,2024-05-02,Hello there\n,,\n,2024-05-03,No id here\n",
        encoding="utf-8",
    )
    run = cli("scan", path, "--rules", falcon_pack, "--text-column", "body")
    got = results(run.out)
    ids = [(r["id"], r["verdict"]) for r in got]
    assert ids == [("A1", "block"), ("A2", "allow"), (6, "allow")]
    assert got[0]["time"] == "2024-05-01" and "published" not in got[0]
    assert run.code == 1


def test_csv_without_the_text_column_is_a_usage_error_naming_the_columns(
    cli, falcon_pack, tmp_path
):
    (tmp_path / "posts.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    run = cli("scan", "posts.csv", "--rules", falcon_pack)
    assert run.code == 2
    assert "posts.csv:1: no column 'text' (columns: 'id', 'body')" in run.err
    assert "--text-column" in run.err
    run = cli("scan", "posts.csv", "--rules", falcon_pack, "--text-column", "message")
    assert run.code == 2 and "no column 'message'" in run.err and "Traceback" not in run.err


def test_unreadable_archives_are_usage_errors_with_a_position(cli, falcon_pack, tmp_path):
    (tmp_path / "tweets.js").write_text('window.YTD.tweets.part0 = [\n  {"tweet": }\n]',
                                        encoding="utf-8")
    run = cli("scan", "tweets.js", "--rules", falcon_pack)
    assert run.code == 2 and "tweets.js:2:13: not a readable X archive file" in run.err
    car = bluesky_car(tmp_path / "repo.car", ["hello"])
    (tmp_path / "cut.car").write_bytes(car.read_bytes()[:-10])
    run = cli("scan", "cut.car", "--rules", falcon_pack)
    assert run.code == 2 and "cut.car: CAR section after byte" in run.err
    (tmp_path / "other.zip").write_bytes((tmp_path / "repo.car").read_bytes()[:0] + b"PK\x03\x04")
    run = cli("scan", "other.zip", "--rules", falcon_pack)
    assert run.code == 2 and "other.zip: not a readable zip archive" in run.err


def test_an_archive_on_stdin_is_read_by_its_content(cli, falcon_pack, tmp_path):
    car = bluesky_car(tmp_path / "repo.car", ["Falcon soon", "hello"])
    run = cli("scan", "-", "--rules", falcon_pack, stdin=car.read_bytes())
    assert [r["verdict"] for r in results(run.out)] == ["block", "allow"]
    doc = json.dumps(outbox(["Falcon soon"]), indent=2).encode()
    run = cli("scan", "-", "--rules", falcon_pack, stdin=doc)
    assert [r["verdict"] for r in results(run.out)] == ["block"]


def test_jsonl_stays_jsonl_and_an_unknown_json_document_is_a_usage_error(
    cli, falcon_pack, tmp_path
):
    (tmp_path / "a.jsonl").write_text('[1]\n{"id": "b", "text": "Falcon"}\n', encoding="utf-8")
    got = results(cli("scan", "a.jsonl", "--rules", falcon_pack).out)
    assert [r["id"] for r in got] == [1, "b"] and got[1]["verdict"] == "block"  # scan's reader
    (tmp_path / "doc.json").write_text('{\n  "items": [{"body": "Falcon"}]\n}\n', encoding="utf-8")
    run = cli("scan", "doc.json", "--rules", falcon_pack)
    assert run.code == 2 and "doc.json: a JSON document guard scan does not know" in run.err
