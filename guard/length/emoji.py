"""The emoji that twitter-text 3.1.0 counts as one: the shipped regex, read on first use.

`tools/build_emoji.py` builds it from the `emoji` package's data (Emoji 11.0, the set of the
reference's twemoji-parser 11.0.2) into `data/emoji_twemoji11.txt`, so that a draft never pays for
importing `emoji` or building the trie; a test checks the file against a fresh build.
"""

from __future__ import annotations

from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "emoji_twemoji11.txt"


def load_pattern() -> tuple[str, str]:
    """The shipped regex source and first-unit class (see `build_pattern`)."""
    pattern, first = DATA_FILE.read_text(encoding="ascii").splitlines()[:2]
    return pattern, first


def built_with() -> str:
    """The `emoji` package version the shipped file was generated from."""
    return DATA_FILE.read_text(encoding="ascii").splitlines()[2].split()[-1]


