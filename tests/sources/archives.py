"""Builders of the archives the platforms give: X account zip, Mastodon outbox, Bluesky CAR."""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from pathlib import Path

import cbor2

URL = re.compile(r"https?://\S+")
MENTION = re.compile(r"(?<!\w)@(\w+)")


def _escape_x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tweet(
    tweet_id: str,
    shown: str,
    *,
    reply_to: list[str] | None = None,
    media: bool = False,
    quote: str | None = None,
    display: bool = True,
) -> dict:
    """An archive item whose text people read as `shown` (links behind t.co, as X stores them)."""
    full, urls, pos = "", [], 0
    if reply_to:
        full = "".join(f"@{h} " for h in reply_to)
    start = len(full)
    for n, m in enumerate(URL.finditer(shown)):
        full += _escape_x(shown[pos : m.start()])
        short = f"https://t.co/L{tweet_id[-4:]:0>4}{n:05d}"
        urls.append({"url": short, "expanded_url": m.group(), "display_url": m.group()[8:30],
                     "indices": [str(len(full)), str(len(full) + len(short))]})
        full += short
        pos = m.end()
    full += _escape_x(shown[pos:])
    end = len(full)
    if quote:
        short = f"https://t.co/Q{tweet_id[-4:]:0>4}00000"
        urls.append({"url": short, "expanded_url": quote, "display_url": quote[8:30],
                     "indices": [str(len(full) + 1), str(len(full) + 1 + len(short))]})
        full += " " + short
    entities: dict = {"urls": urls, "user_mentions": [], "hashtags": []}
    if media:
        short = f"https://t.co/M{tweet_id[-4:]:0>4}00000"
        entities["media"] = [{"url": short, "expanded_url": "https://x.com/acme/status/1/photo/1",
                              "indices": [str(len(full) + 1), str(len(full) + 1 + len(short))]}]
        full += " " + short
    item = {
        "id_str": tweet_id,
        "id": tweet_id,
        "full_text": full,
        "created_at": "Wed Oct 10 20:19:24 +0000 2018",
        "entities": entities,
        "lang": "en",
    }
    if display:
        item["display_text_range"] = [str(start), str(end)]
    if reply_to:
        item["in_reply_to_screen_name"] = reply_to[0]
        item["in_reply_to_status_id_str"] = "1"
    return {"tweet": item}


def tweets_js(items: list[dict], part: int = 0) -> str:
    """The text of `data/tweets.js`."""
    return f"window.YTD.tweets.part{part} = " + json.dumps(items, indent=2, ensure_ascii=False)


def x_zip(path: Path, items: list[dict], username: str = "acme") -> Path:
    """An X account archive zip (account.js, tweets.js and an unrelated file, as X ships)."""
    account = [{"account": {"username": username, "accountId": "42", "email": "x@example.com"}}]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Your archive.html", "<html></html>")
        zf.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(account))
        zf.writestr("data/tweets.js", tweets_js(items))
    return path


def status_html(text: str) -> str:
    """Mastodon's HTML for a status written as `text`."""

    def inline(line: str) -> str:
        out, pos = [], 0
        for m in re.finditer(r"https?://\S+|(?<!\w)@\w+", line):
            out.append(html.escape(line[pos : m.start()], quote=False))
            token = m.group()
            if token.startswith("@"):
                out.append(f'<span class="h-card" translate="no"><a href="https://social.example/'
                           f'{token}" class="u-url mention">@<span>{token[1:]}</span></a></span>')
            else:
                scheme, rest = token.split("://", 1)
                out.append(f'<a href="{token}" target="_blank" rel="nofollow noopener noreferrer">'
                           f'<span class="invisible">{scheme}://</span><span class="ellipsis">'
                           f'{html.escape(rest[:20])}</span><span class="invisible">'
                           f'{html.escape(rest[20:])}</span></a>')
            pos = m.end()
        out.append(html.escape(line[pos:], quote=False))
        return "".join(out)

    paragraphs = text.split("\n\n")
    return "".join("<p>" + "<br />".join(inline(line) for line in p.split("\n")) + "</p>"
                   for p in paragraphs)


def outbox(texts: list[str], boosts: int = 1) -> dict:
    """A Mastodon `outbox.json` with one Create per text (and a boost, which is skipped)."""
    items = []
    for n, text in enumerate(texts, start=1):
        status = f"https://social.example/users/acme/statuses/{1000 + n}"
        items.append({
            "id": status + "/activity", "type": "Create", "actor": "https://social.example/users/acme",
            "published": "2024-05-01T10:00:00Z",
            "object": {"id": status, "type": "Note", "summary": None,
                       "url": f"https://social.example/@acme/{1000 + n}",
                       "published": "2024-05-01T10:00:00Z", "content": status_html(text)},
        })
    for n in range(boosts):
        items.append({"id": f"https://social.example/b{n}", "type": "Announce",
                      "object": "https://elsewhere.example/statuses/9"})
    return {"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox",
            "type": "OrderedCollection", "totalItems": len(items), "orderedItems": items}


def _cid(data: bytes) -> bytes:
    return bytes([0x01, 0x71, 0x12, 0x20]) + hashlib.sha256(data).digest()


def _link(cid: bytes) -> cbor2.CBORTag:
    return cbor2.CBORTag(42, b"\x00" + cid)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def bluesky_car(path: Path, texts: list[str], did: str = "did:plc:acme") -> Path:
    """A repository export: commit -> a two-level search tree -> post records (and a like)."""
    blocks: list[tuple[bytes, bytes]] = []

    def put(obj: object) -> bytes:
        data = cbor2.dumps(obj, canonical=True)
        cid = _cid(data)
        blocks.append((cid, data))
        return cid

    entries = []
    for n, text in enumerate(texts):
        record = {"$type": "app.bsky.feed.post", "text": text,
                  "createdAt": f"2024-05-01T10:{n:02d}:00.000Z", "langs": ["en"]}
        entries.append((f"app.bsky.feed.post/3kabc{n:04d}", put(record)))
    like = {"$type": "app.bsky.feed.like", "createdAt": "2024-05-01T10:00:00.000Z",
            "subject": {"uri": "at://did:plc:other/app.bsky.feed.post/1", "cid": "bafy"}}
    entries.insert(0, ("app.bsky.feed.like/3kaaa0000", put(like)))

    def node(pairs: list[tuple[str, bytes]], left: bytes | None) -> bytes:
        out, prev = [], b""
        for key, cid in pairs:
            k = key.encode()
            p = next((i for i, (a, b) in enumerate(zip(prev, k, strict=False)) if a != b),
                     min(len(prev), len(k)))
            out.append({"p": p, "k": k[p:], "v": _link(cid), "t": None})
            prev = k
        return put({"l": _link(left) if left else None, "e": out})

    half = len(entries) // 2
    root = node(entries[half:], node(entries[:half], None))
    commit = put({"did": did, "version": 3, "data": _link(root), "rev": "3kabc", "prev": None,
                  "sig": b"\x00" * 64})
    header = cbor2.dumps({"version": 1, "roots": [_link(commit)]}, canonical=True)
    data = _varint(len(header)) + header
    for cid, block in reversed(blocks):  # any order: the reader follows the links
        data += _varint(len(cid) + len(block)) + cid + block
    path.write_bytes(data)
    return path
