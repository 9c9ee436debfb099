"""Regenerate confusables.json from Unicode's confusables list, as shipped by confusable-homoglyphs.

Run `python tools/build_confusables.py` after `pip install confusable-homoglyphs`; the
package is needed only here, never at run time.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "guard" / "detect" / "data" / "confusables.json"


def _base_fold(char: str) -> str:
    # The fold the normaliser applies before this table: NFKC, casefold, strip combining marks.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", char).casefold())
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


def build() -> dict[str, str]:
    """Map every non-ASCII look-alike of a Latin letter to that lowercase ASCII letter."""
    source = importlib.resources.files("confusable_homoglyphs").joinpath("confusables.json")
    graph = json.loads(source.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for char, glyphs in sorted(graph.items()):
        if len(char) != 1 or char.isascii():
            continue
        folded = _base_fold(char)
        if len(folded) != 1 or folded.isascii():
            continue  # NFKC and case folding already reach ASCII, or it becomes several chars
        letters = [
            g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()
        ]
        if not letters:
            continue
        # Prefer a lowercase look-alike: U+01C0 resembles both `l` and `I`; `l` is the shape.
        lower = [c for c in letters if c.islower()]
        table[folded] = (lower or letters)[0].lower()
    return dict(sorted(table.items()))


def main() -> None:
    """Write guard/detect/data/confusables.json."""
    version = importlib.metadata.version("confusable-homoglyphs")
    doc = {
        "source": f"Unicode confusables.txt via confusable-homoglyphs {version}",
        "licence": "Unicode License v3 (data), MIT (confusable-homoglyphs): "
        "see confusables-LICENSE.txt",
        "map": build(),
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
