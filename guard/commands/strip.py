"""`guard strip IN OUT`: write a copy of an image without its metadata, then say what went."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from guard.attachments.image import Attachment, open_image, read_attachment
from guard.attachments.metadata import read_metadata
from guard.attachments.strip import strip_metadata
from guard.errors import CheckError, UsageError


def command(
    source: Annotated[str, typer.Argument(metavar="IN", help="The image to clean.")],
    target: Annotated[str, typer.Argument(metavar="OUT", help="Where to write the clean copy.")],
) -> int:
    """Write a copy of an image without EXIF, XMP, IPTC or PNG text: exit 0, or 2 when it cannot."""
    if os.path.abspath(source) == os.path.abspath(target):
        raise UsageError("IN and OUT are the same file: write the clean copy elsewhere, so the "
                         "original is there if the copy is wrong")
    attachment = read_attachment(source)
    before = read_metadata(open_image(attachment, source))
    data, fmt = strip_metadata(attachment, source)
    after = read_metadata(open_image(Attachment(data, name=target), target))
    if after[0] or after[1]:
        # Fail closed: a copy still holding metadata must not pass for a clean one.
        raise CheckError(f"{target}: the copy still holds {', '.join(f.field for f in after[0])}"
                         "; not written")
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write it ({exc.strerror})") from None
    fields = list(dict.fromkeys([f.field for f in before[0]] + [n for n, _ in before[1]]))
    removed = ", ".join(fields) if fields else "no revealing field was present"
    sys.stdout.write(f"{target}: {fmt} copy written without metadata (removed: {removed})\n")
    return 0
