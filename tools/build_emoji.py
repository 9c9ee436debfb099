"""The emoji that twitter-text 3.1.0 counts as one, built from the `emoji` package's data.

twitter-text 3.1.0 (the npm package, what the X composer's counter is built on) finds emoji with
the regex of its bundled twemoji-parser 11.0.2, generated from the twemoji 11 assets: the Emoji 11.0
set. This module rebuilds that set from a maintained source, the `emoji` package (Unicode's
emoji-test data with the Emoji version of each entry), keeping entries up to `EMOJI_VERSION` and
applying the few rules where twemoji's generator differs from the Unicode data (`_quirks`).

Sequences newer than Emoji 11.0 (🥱, 🫠, 🧑‍💻, ❤️‍🔥, 🏳️‍⚧️, the 🧑 ZWJ forms, people holding hands
with mixed tones...) are not one emoji for the reference: they count code point by code point,
minus any prefix it does know (❤️‍🔥 = ❤️ 2 + ZWJ 1 + 🔥 2 = 5). The guard counts them the same way on
purpose: a user compares our number with the composer's, and the differential test against the
reference must find no difference. Raise `EMOJI_VERSION` when X ships newer data.

The result is one regex over UTF-16 code units (like the JS one), shaped as a trie so that it
compiles fast and matches the longest known sequence. It is generated once into
`guard/length/data/emoji_twemoji11.txt` (`python tools/build_emoji.py`) so that a draft never
pays for
importing `emoji` or building the trie; tests check the file against a fresh build.
"""

from __future__ import annotations

import sys
from pathlib import Path

EMOJI_VERSION = 11.0
DATA_FILE = Path(__file__).resolve().parents[1] / "guard/length/data/emoji_twemoji11.txt"

VS15, VS16, ZWJ, KEYCAP = "\ufe0e", "\ufe0f", "\u200d", "\u20e3"
TONES = tuple(chr(c) for c in range(0x1F3FB, 0x1F400))
FULLY_QUALIFIED, COMPONENT = 2, 1
# twemoji converts these only when VS16 asks for it: they are common in plain text.
NEED_VS16 = frozenset("\u00a9\u00ae\u2122\u265f")
# Emoji-presentation characters whose text/emoji variation sequences Unicode standardised after
# Emoji 11 (the `emoji` package only knows today's list): twemoji 11 does not absorb a VS16 after
# them, so "⏩️" is two emoji for the reference. ♾ is listed too: twemoji 11 treats it the same way.
VS_NEWER_THAN_REFERENCE = frozenset(
    "⏩⏪⏫⏬⏰⏳⛎✅✊✋✨❌❎❓❔❕➕➖➗➰➿🌍🌎🌏🌕🌜🍸🎓🎧🎬🎭🎮🏂🏄🏆🏊🏠🏭🐈🐕🐟🐦👂👆👇👈👉"  # noqa: RUF001
    "👍👎👓👪👽💣💰💳💻💿📋📚📟📤📥📦📪📫📬📭📷📹📺📻🔈🔍🔒🔓🕐🕑🕒🕓🕔🕕🕖🕗🕘🕙🕚🕛🕜🕝"
    "🕞🕟🕠🕡🕢🕣🕤🕥🕦🕧😐🚇🚍🚑🚔🚘🚭🚲🚹🚺🚼♾"
)
_END, _END_UNLESS_VS15 = "", "?"


def _units(text: str) -> str:
    """`text` as a string of UTF-16 code units (astral characters become surrogate pairs)."""
    raw = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(raw[i : i + 2], "little")) for i in range(0, len(raw), 2))


def _sequences() -> tuple[set[str], set[str]]:
    """(sequences always matched, single characters matched unless VS15 follows) for Emoji ≤ 11."""
    import emoji  # only at generation time: its import costs ~50 ms

    always: set[str] = set()
    bare_unless_vs15: set[str] = set()
    for seq, info in emoji.EMOJI_DATA.items():
        if info["E"] > EMOJI_VERSION:
            continue
        if info["status"] == COMPONENT:
            if seq in TONES:
                always.add(seq)
            continue
        if info["status"] != FULLY_QUALIFIED:
            continue
        base = seq.replace(VS16, "")
        if len(seq) == 2 and seq[1] == VS16:
            always.add(seq)  # X+VS16 is one emoji
            if base not in NEED_VS16:
                bare_unless_vs15.add(base)
        elif len(seq) == 1 and info.get("variant"):
            always.add(seq + VS16)  # emoji-presentation character that also has a text form
            bare_unless_vs15.add(seq)
        elif len(seq) == 3 and seq.endswith(VS16 + KEYCAP):
            always.update({seq, base})  # keycaps also without VS16
        else:
            always.add(seq)
    return always, bare_unless_vs15


def _quirks(always: set[str], bare_unless_vs15: set[str]) -> None:
    """Where twemoji-parser 11.0.2 departs from the Unicode data (found by differential tests)."""
    for ri in range(0x1F1E6, 0x1F200):  # a lone regional indicator is an emoji for twemoji
        always.add(chr(ri))
    always.add("\ue50a")  # a private-use character twemoji has an image for
    always.add(VS16)  # a stray VS16 is matched alone (weight 2 either way)
    for ch in VS_NEWER_THAN_REFERENCE:
        bare_unless_vs15.discard(ch)
        always.discard(ch + VS16)
        always.add(ch)
    always.update("\u26f7" + t for t in TONES)  # ⛷ was a modifier base up to Emoji 4.0
    # Modifier bases take a tone after an optional VS16 (☝️🏻), which Unicode does not list.
    bases = {s[0] for s in always if len(s) == 2 and s[1] in TONES}
    for b in bases & bare_unless_vs15:
        always.update(b + VS16 + t for t in TONES)
    # Gendered forms twemoji 11 drew before Unicode listed them (🤵‍♀️ came in Emoji 13, 🕴️‍♀️ never).
    for gender in "\u2640\u2642":
        tail = ZWJ + gender + VS16
        for lead in ("\U0001f935", "\U0001f574\ufe0f"):
            always.add(lead + tail)
        for tone in TONES:
            always.update({"\U0001f935" + tone + tail, "\U0001f574" + tone + tail})
    # Sequences twemoji 11 spells without the VS16s of the fully-qualified form.
    always.discard("\U0001f441\ufe0f\u200d\U0001f5e8\ufe0f")
    always.add("\U0001f441\u200d\U0001f5e8")


def build_pattern() -> str:
    """Generate the regex source (over UTF-16 code units) from the `emoji` package, and on a
    second line the class of the non-ASCII units a match can start with (a cheap pre-scan)."""
    always, bare = _sequences()
    _quirks(always, bare)
    trie: dict = {}
    for seq, mark in [(s, _END) for s in always] + [(s, _END_UNLESS_VS15) for s in bare]:
        node = trie
        for unit in _units(seq):
            node = node.setdefault(unit, {})
        if mark == _END or _END not in node:
            node[mark] = True
        if _END in node:
            node.pop(_END_UNLESS_VS15, None)
    first = _char_class([u for u in trie if not u.isascii()])
    return _emit(trie) + "\n" + (first if first.startswith("[") else f"[{first}]")


def _escape(unit: str) -> str:
    return unit if unit.isascii() and unit.isalnum() else f"\\u{ord(unit):04x}"


def _char_class(units: list[str]) -> str:
    if len(units) == 1:
        return _escape(units[0])
    codes = sorted(ord(u) for u in units)
    parts, start, prev = [], codes[0], codes[0]
    for c in [*codes[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        parts.append(_escape(chr(start)) + ("" if start == prev else "-" + _escape(chr(prev))))
        start = prev = c
    return "[" + "".join(parts) + "]"


def _emit(node: dict) -> str:
    """The trie as a regex; longer continuations come first so the longest sequence wins."""
    by_tail: dict[str, list[str]] = {}
    for unit, child in node.items():
        if unit not in (_END, _END_UNLESS_VS15):
            by_tail.setdefault(_emit_tail(child), []).append(unit)
    # Siblings with the same continuation share one character class; the trie stays compact.
    alts = [_char_class(sorted(units)) + tail for tail, units in by_tail.items() if tail]
    alts.sort()
    if "" in by_tail:
        alts.append(_char_class(sorted(by_tail[""])))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _emit_tail(node: dict) -> str:
    inner = {u: c for u, c in node.items() if u not in (_END, _END_UNLESS_VS15)}
    if not inner:
        return ""
    rest = _emit(inner)
    if _END in node:
        return f"(?:{rest})?"
    if _END_UNLESS_VS15 in node:
        return f"(?:{rest}|(?!\\ufe0e))"
    return rest



if __name__ == "__main__":  # regenerate the data file after raising EMOJI_VERSION
    from importlib.metadata import version

    DATA_FILE.write_text(f"{build_pattern()}\n# built with emoji {version('emoji')}\n",
                         encoding="ascii")
    sys.stdout.write(f"wrote {DATA_FILE}\n")
