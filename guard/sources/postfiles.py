"""Draft files, as a repo of scheduled posts keeps them -> drafts and where they sit in the file.

What a draft file is (docs/integrations.md says the same for users):

- `.txt`, `.md`, `.markdown`: the whole file is one draft. A front matter block (`---` ... `---`
  or `...`, or TOML `+++` ... `+++`) at the top is skipped; offsets map back to the file.
- `.yaml`, `.yml`, `.json`: a list of posts, or a mapping with a `posts:` list; each post is a
  mapping whose `text` is one draft (an `id` names it). A post's findings are reported at its
  text: at the exact line and column when the text is written on one line as is or as a
  literal `|` block, else where the text value starts. A YAML/JSON file of any other shape
  holds no posts and is skipped.

Files that cannot be read (not UTF-8, bad YAML/JSON, a post without `text`) become problems
of the file rather than crashes, and fail the hook: a draft that was not checked is not clean.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guard.errors import DraftError, RulePackError
from guard.packs.located import LocDict, LocList
from guard.sources.drafts import MAX_INPUT_BYTES, decode

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DATA_SUFFIXES = (".yaml", ".yml", ".json")
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}


@dataclass(frozen=True, slots=True)
class FileDraft:
    """One draft found in a file, and how to place its offsets in the file's text."""

    path: str
    text: str
    base: int | None  # offset of the draft in the file text, when it is written there as is
    line: int  # where to report when the draft's offsets do not map to the file (1-based)
    column: int
    name: str = ""  # the post's id or index, for files holding several drafts
    starts: tuple[int, ...] = ()  # file offset of each draft line (a YAML literal block)
    # A scheduled thread (`text` is a list): its posts, and where each is written (line, col).
    thread: tuple[str, ...] = ()
    thread_pos: tuple[tuple[int, int], ...] = ()

    def file_offset(self, offset: int) -> int | None:
        """Where a draft offset sits in the file's text, or None when it cannot be mapped."""
        if self.base is not None:
            return self.base + offset
        if not self.starts:
            return None
        row = self.text.count("\n", 0, offset)
        return self.starts[row] + offset - (self.text.rfind("\n", 0, offset) + 1)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file the hook could not read as drafts."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: guard.unreadable: {self.message}"


def is_draft_file(path: str) -> bool:
    """True for the suffixes the hook reads."""
    return path.lower().endswith(TEXT_SUFFIXES + DATA_SUFFIXES)


def front_matter_end(text: str) -> int:
    """Offset where the body starts after a front matter block at the top (0 when none)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    closers = _FENCES.get(first.strip()) if first == first.rstrip() else None
    if not closers or "\n" not in text:
        return 0
    offset = len(first) + 1
    while offset < len(text):
        nl = text.find("\n", offset)
        end = len(text) if nl == -1 else nl + 1
        if text[offset:end].rstrip("\r\n").rstrip() in closers:
            return end
        offset = end
    return 0  # an unclosed fence is not front matter: check the whole file


def read_drafts(path: str) -> tuple[list[FileDraft], list[FileProblem]]:
    """The drafts of one file, and what made parts of it unreadable."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return [], [FileProblem(path, 1, 1, f"cannot read it ({exc.strerror})")]
    if len(data) > MAX_INPUT_BYTES:
        return [], [FileProblem(path, 1, 1, "larger than a draft file can be")]
    try:
        text = decode(data, path)
    except DraftError as exc:
        return [], [FileProblem(path, 1, 1, exc.describe().removeprefix(f"{path}: "))]
    if path.lower().endswith(DATA_SUFFIXES):
        return _posts(path, text)
    start = front_matter_end(text)
    if not text[start:].strip():
        return [], []  # nothing to post
    return [FileDraft(path, text[start:], start, 1, 1)], []


def _posts(path: str, text: str) -> tuple[list[FileDraft], list[FileProblem]]:
    if not text.strip():
        return [], []
    is_json = path.lower().endswith(".json")
    if is_json:
        try:
            doc: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [FileProblem(path, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]
    # Data files only (the positions of their posts): text and Markdown drafts need no yaml.
    from guard.packs.yamlsrc import load_yaml

    try:
        located = load_yaml(text, path)
    except RulePackError as exc:
        if not is_json:
            msg = exc.message.removeprefix("YAML syntax error: ")
            return [], [FileProblem(path, exc.line or 1, exc.column or 1, f"not valid YAML: {msg}")]
        located = None  # valid JSON that PyYAML reads differently: no positions, same posts
    if not is_json:
        doc = located
    posts = doc.get("posts") if isinstance(doc, dict) else doc
    if not isinstance(posts, list) or not any(isinstance(p, dict) and "text" in p for p in posts):
        return [], []  # not a file of scheduled posts (a config, a data file): nothing to check
    where = located.get("posts") if isinstance(located, dict) else located
    positions = where.item_pos if isinstance(where, LocList) else None
    lines = text.split("\n")
    drafts, problems = [], []
    for i, post in enumerate(posts):
        line, col = positions[i] if positions and i < len(positions) else (1, 1)
        name = str(post.get("id", f"post {i + 1}")) if isinstance(post, dict) else f"post {i + 1}"
        if isinstance(post, dict) and isinstance(post.get("text"), list):
            loc = where[i] if isinstance(where, LocList) and i < len(where) else None
            found = _thread(path, name, post["text"], loc, (line, col))
            (drafts if isinstance(found, FileDraft) else problems).append(found)
            continue
        if not isinstance(post, dict) or not isinstance(post.get("text"), str):
            problems.append(FileProblem(path, line, col, f"{name}: a post needs a 'text' string"))
            continue
        loc_post = where[i] if isinstance(where, LocList) and i < len(where) else None
        if isinstance(loc_post, LocDict) and "text" in loc_post.value_pos:
            line, col = loc_post.value_pos["text"]
        draft = post["text"]
        if not draft.strip():
            problems.append(FileProblem(path, line, col, f"{name}: the post's text is empty"))
            continue
        drafts.append(FileDraft(path, draft, _verbatim(text, lines, line, col, draft), line, col,
                                name, _literal_block(lines, line, col, draft)))
    return drafts, problems


def _thread(path: str, name: str, texts: list[Any], loc: Any,
            at: tuple[int, int]) -> FileDraft | FileProblem:
    # A thread is checked as one: each post is reported where it is written.
    items = loc.get("text") if isinstance(loc, LocDict) else None
    pos = list(items.item_pos) if isinstance(items, LocList) else []
    for j, value in enumerate(texts):
        line, col = pos[j] if j < len(pos) else at
        if not isinstance(value, str) or not value.strip():
            return FileProblem(path, line, col, f"{name}: post {j + 1} of the thread needs a "
                               "non-empty text")
    if not texts:
        return FileProblem(path, *at, f"{name}: the thread has no posts")
    where = tuple(pos[j] if j < len(pos) else at for j in range(len(texts)))
    return FileDraft(path, "\n\n".join(texts), None, at[0], at[1], name,
                     thread=tuple(texts), thread_pos=where)


def _verbatim(text: str, lines: list[str], line: int, col: int, draft: str) -> int | None:
    # A one-line value written as is (plain or quoted without escapes) maps column for column.
    if "\n" in draft or not 0 < line <= len(lines):
        return None
    source = lines[line - 1]
    line_start = sum(len(s) + 1 for s in lines[: line - 1])
    for skip in (0, 1):  # plain scalar, or just inside the opening quote
        at = col - 1 + skip
        if source[at:at + len(draft)] == draft and (skip == 0 or source[col - 1] in "\"'"):
            return line_start + at
    return None


def _literal_block(lines: list[str], line: int, col: int, draft: str) -> tuple[int, ...]:
    # A `|` block keeps each line as written after its indentation: map line by line.
    if not 0 < line <= len(lines) or lines[line - 1][col - 1:col] != "|":
        return ()
    rows = draft.split("\n")
    if rows and rows[-1] == "":
        rows.pop()  # the final line break of the block
    source = lines[line:line + len(rows)]
    filled = [s for s in source if s.strip()]
    if len(source) < len(rows) or not filled:
        return ()
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    offset = sum(len(s) + 1 for s in lines[:line])
    starts = []
    for row, src in zip(rows, source, strict=False):
        same = not src[:indent].strip() and src[indent:].rstrip("\r") == row
        if not same and (row or src.strip()):
            return ()
        starts.append(offset + min(indent, len(src)))
        offset += len(src) + 1
    return tuple(starts)


def file_text(path: str) -> str:
    """The file's text for placing findings (read again: small, and already known to decode)."""
    # As read_drafts decoded it: read_text would turn CRLF into LF and shift every column.
    return decode(Path(path).read_bytes(), path)
