"""A small reader of CAR v1 files (content-addressed archives) holding DAG-CBOR blocks.

A CAR is `varint(len) header` then `varint(len) CID block-bytes` sections; the header is the
DAG-CBOR map `{"version": 1, "roots": [CID]}`. DAG-CBOR is CBOR (decoded by `cbor2`) whose
links are tag 42 over `0x00 + CID bytes`; here a link decodes to a `Link` holding the CID bytes,
the same bytes that key the blocks, so a reader follows links with one dict lookup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from guard.errors import UsageError

DAG_CBOR = 0x71
_MAX_SECTION = 16 * 1024 * 1024  # a block is at most a few MB; more is a corrupt length


@dataclass(frozen=True, slots=True)
class Link:
    """A DAG-CBOR link: the CID bytes of the block it points to."""

    cid: bytes


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("a varint runs past the end")
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ValueError("a varint longer than 9 bytes")


def _read_varint(stream: IO[bytes]) -> int | None:
    value = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            if shift:
                raise ValueError("the file ends inside a length")
            return None
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7
        if shift > 63:
            raise ValueError("a length longer than 9 bytes")


def cid_length(data: bytes, pos: int = 0) -> tuple[int, int]:
    """(codec, length in bytes) of the CID at `pos` (v0: a bare sha2-256 multihash)."""
    if data[pos : pos + 2] == b"\x12\x20":
        return DAG_CBOR, 34
    version, at = _varint(data, pos)
    if version != 1:
        raise ValueError(f"CID version {version} is not known")
    codec, at = _varint(data, at)
    _hash, at = _varint(data, at)
    size, at = _varint(data, at)
    return codec, at + size - pos


def decode_dag_cbor(data: bytes) -> Any:
    """One DAG-CBOR block -> Python values, links as `Link`."""
    import cbor2  # only when a CAR is read

    def tag(*args: Any) -> Any:
        # cbor2 5 calls tag_hook(decoder, tag), cbor2 6 tag_hook(tag, immutable)
        value = next(a for a in args if isinstance(a, cbor2.CBORTag))
        if value.tag == 42 and isinstance(value.value, bytes) and value.value[:1] == b"\x00":
            return Link(value.value[1:])
        return value

    return cbor2.loads(data, tag_hook=tag)


def is_car(head: bytes) -> bool:
    """True when the bytes start like a CAR v1 header (a DAG-CBOR map with roots and version)."""
    try:
        size, at = _varint(head, 0)
    except ValueError:
        return False
    header = head[at : at + size]
    return 0 < size < 4096 and header[:1] in (b"\xa2", b"\xa1") and b"roots" in header[:64]


def read_car(stream: IO[bytes], source: str) -> tuple[list[bytes], Iterator[tuple[bytes, bytes]]]:
    """(root CIDs, the blocks as (CID bytes, block bytes), read one section at a time)."""
    try:
        size = _read_varint(stream)
        header = decode_dag_cbor(stream.read(size or 0))
        roots = [r.cid for r in header["roots"] if isinstance(r, Link)]
        if header.get("version") != 1:
            raise ValueError(f"CAR version {header.get('version')!r}; only version 1 is read")
    except Exception as exc:  # cbor2 raises its own errors as well as ValueError
        raise UsageError(f"{source}: not a readable CAR file ({exc})") from None

    def blocks() -> Iterator[tuple[bytes, bytes]]:
        offset = 0
        while True:
            try:
                length = _read_varint(stream)
                if length is None:
                    return
                if length > _MAX_SECTION:
                    raise ValueError(f"a section of {length} bytes")
                section = stream.read(length)
                if len(section) < length:
                    raise ValueError("the file ends inside a block")
                _codec, cut = cid_length(section)
            except ValueError as exc:
                raise UsageError(
                    f"{source}: CAR section after byte {offset} is unreadable ({exc})"
                ) from None
            offset += length
            yield section[:cut], section[cut:]

    return roots, blocks()
