"""A rule's `terms_file`: a regular UTF-8 file inside the pack's folder tree, of bounded size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_TERMS_FILE_BYTES = 4 * 1024 * 1024  # far above any real list; stops /dev/zero or a log file


class TermsFileError(Exception):
    """A terms file the loader refuses, with what to change."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def read_terms_file(folder: Path, given: str) -> list[str]:
    """The lines of `given` (relative to the rule file's folder), or TermsFileError."""
    root = folder.resolve()
    target = (folder / given).resolve()
    if not target.is_relative_to(root):
        # A pack must not read (and `explain` print) files from anywhere on disk.
        raise TermsFileError(
            f"resolves to {target}, outside the rule file's folder {root}",
            "keep the terms file beside the rule file or in a folder below it",
        )
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise TermsFileError(
                "is not a regular file (a device, pipe or folder)",
                "point terms_file at a text file, one term per line",
            )
        data = fh.read(MAX_TERMS_FILE_BYTES + 1)
    if len(data) > MAX_TERMS_FILE_BYTES:
        raise TermsFileError(
            f"is larger than {MAX_TERMS_FILE_BYTES // (1024 * 1024)} MiB",
            "split the list or hash it (`guard rules hash`)",
        )
    return data.decode("utf-8").splitlines()
