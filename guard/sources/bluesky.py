"""Bluesky posts: a repository export (CAR) or the JSON of its posts -> posts.

A repository is a commit block (`did`, `data`) over a Merkle search tree whose entries map keys
`app.bsky.feed.post/<rkey>` to records `{"$type": "app.bsky.feed.post", "text", "createdAt",
"facets", ...}`; the tree is walked in key order, which for posts is the order they were written.
The JSON forms are `com.atproto.repo.listRecords` (`{"records": [{"uri", "value"}]}`) and
`app.bsky.feed.getAuthorFeed` (`{"feed": [{"post": {"uri", "record"}}]}`, reposts skipped).
The text is the record's as stored: what people saw, and what Bluesky counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from guard.errors import UsageError
from guard.length.published import counted_range
from guard.sources.car import DAG_CBOR, Link, cid_length, decode_dag_cbor, read_car
from guard.sources.records import Post

POST_TYPE = "app.bsky.feed.post"
COLLECTION = POST_TYPE + "/"


def read_repo(stream: IO[bytes], source: str) -> Iterator[Post]:
    """The posts of a repository export, in key (creation) order."""
    roots, sections = read_car(stream, source)
    blocks = {cid: data for cid, data in sections if cid_length(cid)[0] == DAG_CBOR}
    if not roots or roots[0] not in blocks:
        raise UsageError(f"{source}: the CAR's root commit is not in the file")
    commit = _block(blocks, roots[0], source)
    if not isinstance(commit, dict) or not isinstance(commit.get("data"), Link):
        raise UsageError(f"{source}: the root is not a repository commit (no 'data' link)")
    did = str(commit.get("did", ""))
    for number, (key, link) in enumerate(_walk(blocks, commit["data"], source), start=1):
        if not key.startswith(COLLECTION):
            continue
        rkey = key[len(COLLECTION) :]
        uri = f"at://{did}/{key}"
        if link.cid not in blocks:
            yield Post(uri, None, f"{uri}: the record's block is not in the export")
            continue
        yield record_post(_block(blocks, link.cid, source), uri, _web(did, rkey), number)


def _block(blocks: dict[bytes, bytes], cid: bytes, source: str) -> Any:
    try:
        return decode_dag_cbor(blocks[cid])
    except Exception as exc:  # cbor2's decode errors
        raise UsageError(f"{source}: a block is not valid DAG-CBOR ({exc})") from None


def _walk(blocks: dict[bytes, bytes], root: Link, source: str) -> Iterator[tuple[str, Link]]:
    """(key, record link) of every entry of the tree under `root`, in key order."""
    stack: list[Any] = [root]  # links to visit, or (key, link) entries to yield
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        if top.cid not in blocks:
            continue  # a partial export: the subtree is not in the file
        node = _block(blocks, top.cid, source)
        if not isinstance(node, dict):
            raise UsageError(f"{source}: a tree node is not a map")
        todo: list[Any] = [node["l"]] if isinstance(node.get("l"), Link) else []
        key = b""
        for entry in node.get("e") or []:
            key = key[: entry.get("p", 0)] + entry.get("k", b"")
            if isinstance(entry.get("v"), Link):
                todo.append((key.decode("utf-8", errors="replace"), entry["v"]))
            if isinstance(entry.get("t"), Link):
                todo.append(entry["t"])
        stack.extend(reversed(todo))


def _web(did: str, rkey: str) -> str:
    return f"https://bsky.app/profile/{did}/post/{rkey}"


def record_post(record: Any, uri: str, url: str | None, number: int) -> Post:
    """One `app.bsky.feed.post` record -> a published post."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Post(uri or number, None, f"{uri or f'item {number}'}: a post record needs 'text'")
    text = record["text"]
    created = record.get("createdAt")
    return Post(
        uri,
        text,
        time=created if isinstance(created, str) else None,
        url=url,
        published=True,
        counted=counted_range(text),
        platform="bluesky",
    )


def is_posts_json(doc: Any) -> bool:
    """True for listRecords or getAuthorFeed JSON holding Bluesky posts (or a list of them)."""
    items = _json_items(doc)
    return any(_json_record(item)[0] is not None for item in items[:20])


def _json_items(doc: Any) -> list[Any]:
    if isinstance(doc, dict):
        doc = doc.get("records", doc.get("feed"))
    return doc if isinstance(doc, list) else []


def _json_record(item: Any) -> tuple[Any, str]:
    """(the post record, its at:// URI) of one JSON item; (None, "") when it is not a post."""
    if not isinstance(item, dict):
        return None, ""
    if isinstance(item.get("post"), dict):  # getAuthorFeed
        if isinstance(item.get("reason"), dict):
            return None, ""  # a repost: someone else's words
        item = {"uri": item["post"].get("uri", ""), "value": item["post"].get("record")}
    value = item.get("value", item)
    if isinstance(value, dict) and value.get("$type") == POST_TYPE:
        return value, str(item.get("uri", ""))
    return None, ""


def read_posts_json(doc: Any) -> Iterator[Post]:
    """The posts of listRecords / getAuthorFeed JSON (other record types are skipped)."""
    for number, item in enumerate(_json_items(doc), start=1):
        record, uri = _json_record(item)
        if record is None:
            continue
        parts = uri.removeprefix("at://").split("/")
        url = _web(parts[0], parts[2]) if len(parts) == 3 else None
        yield record_post(record, uri or str(number), url, number)
