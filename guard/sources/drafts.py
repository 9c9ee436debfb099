"""Reading drafts from the places users keep them: an argument, a file, standard input."""

from __future__ import annotations

import sys
from typing import BinaryIO

from guard.errors import DraftError

MAX_INPUT_BYTES = 16 * 1024 * 1024  # far above any post; stops a stray binary or log file


def decode(data: bytes, source: str) -> str:
    """UTF-8 bytes -> text; anything else is refused with the byte offset, never guessed."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(
            f"{source}: not valid UTF-8 at byte {exc.start} ({exc.reason}); "
            "save the draft as UTF-8 and try again"
        ) from None


def from_argument(text: str, source: str = "<argument>") -> str:
    """A draft given on the command line, held to the same UTF-8 rule as a file's bytes."""
    try:
        data = text.encode("utf-8", "surrogateescape")  # how Python keeps undecodable argv bytes
    except UnicodeEncodeError as exc:
        raise DraftError(
            f"{source}: holds an unpaired surrogate at character {exc.start}; "
            "give the draft as valid UTF-8"
        ) from None
    return decode(data, source)


def read_stream(stream: BinaryIO, source: str = "<stdin>") -> str:
    """A whole draft from a binary stream."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise DraftError(
            f"{source}: more than {MAX_INPUT_BYTES // (1024 * 1024)} MiB of input; "
            "a draft is one post"
        )
    return decode(data, source)


def read_stdin() -> str:
    """The draft on standard input."""
    if sys.stdin is None:
        raise DraftError("no standard input to read the draft from")
    return read_stream(sys.stdin.buffer)


def read_file(path: str) -> str:
    """A draft kept in a file."""
    from pathlib import Path  # here: a draft given as an argument needs no pathlib (≈ 4 ms)

    p = Path(path)
    try:
        with p.open("rb") as fh:
            return read_stream(fh, path)
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder, not a draft file") from None
    except OSError as exc:
        raise DraftError(f"{path}: cannot read it ({exc.strerror})") from None
