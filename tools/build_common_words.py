"""Regenerate common_words.txt: English and French words seen 3 times in 10 million words or more.

Run `python tools/build_common_words.py` with `wordfreq` installed (a test extra). The
list is a snapshot of wordfreq's data, which is frozen upstream; the matcher reads the snapshot
so that a cold `guard check` does not load wordfreq's full tables (0.2 s).
"""

from __future__ import annotations

import importlib.metadata
import math
from pathlib import Path

from guard.detect.normalise import fold

OUT = Path(__file__).resolve().parent.parent / "guard" / "detect" / "data" / "common_words.txt"
LANGUAGES = ("en", "fr")
MIN_ZIPF = 2.5


def build() -> list[str]:
    """Folded forms of every word at or above MIN_ZIPF in LANGUAGES, sorted."""
    from wordfreq import get_frequency_dict

    words: set[str] = set()
    for lang in LANGUAGES:
        for word, freq in get_frequency_dict(lang).items():
            if freq > 0 and math.log10(freq * 1e9) >= MIN_ZIPF:
                # `weren't` and `aujourd'hui` reach the matcher as two words each.
                folded = "".join(c if c.isalnum() else " " for c in fold(word))
                words.update(folded.split())
    return sorted(words)


def main() -> None:
    """Write guard/detect/data/common_words.txt."""
    version = importlib.metadata.version("wordfreq")
    header = (
        f"# wordfreq {version}, {'+'.join(LANGUAGES)}, zipf >= {MIN_ZIPF}, folded by "
        "guard.detect.normalise.fold; CC BY-SA 4.0, see common_words-LICENSE.txt\n"
    )
    OUT.write_text(header + "\n".join(build()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
