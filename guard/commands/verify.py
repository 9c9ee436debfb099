"""`guard verify`: exit 0 only when a receipt is genuine and the text is the one it covers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from guard.errors import UsageError


def _read(path: str, what: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the {what} '{path}': {exc.strerror}") from None


def command(
    receipt: Annotated[str, typer.Argument(metavar="RECEIPT",
                                           help="The receipt JSON (or a whole check answer); "
                                           "'-' reads standard input.")],
    text: Annotated[str, typer.Option("--text", metavar="FILE",
                                      help="The text about to be published, exactly.")],
    key: Annotated[str, typer.Option("--key", metavar="PUB.pem",
                                     help="The server's Ed25519 public key.")],
) -> int:
    """Exit 0 if the receipt is genuine and covers this text; 1 if not; 2 unreadable input."""
    try:
        from guard.audit.receipts import verify
    except ImportError:
        raise UsageError("guard verify needs cryptography: pip install 'tweet-guard[audit]'") \
            from None
    raw = _read(receipt, "receipt")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{receipt}: the receipt is not JSON ({exc})") from None
    try:
        draft = _read(text, "text").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{text}: not UTF-8 text ({exc})") from None
    try:
        problem = verify(data, draft, _read(key, "key"))
    except ValueError as exc:
        raise UsageError(f"{receipt if 'receipt' in str(exc) else key}: {exc}") from None
    if problem:
        sys.stdout.write(f"NOT VERIFIED: {problem}\n")
        return 1
    body = data.get("receipt", data)
    sys.stdout.write(f"verified: {body['verdict']} under policy {body['policy']} at "
                     f"{body['time']}" + (f", override: {body['override']}" if body["override"]
                                          else "") + "\n")
    return 0
