"""Seeded generator of awkward drafts for the length tests and the length benchmark.

Each draft strings together pieces of one or more kinds (ASCII, French NFC/NFD, CJK, URLs with and
without protocol, t.co, mentions, hashtags, emoji of every shape, CRLF, zero-width and bidi
characters, invalid characters) until a target length, often right around 140 or 280.
"""

from __future__ import annotations

import random
import unicodedata

WORDS = ["the", "a", "launch", "ship", "beta", "next", "week", "team", "we", "our", "client",
         "deal", "numbers", "good", "great", "today"]
FRENCH = ["élève", "déjà", "où", "garçon", "façade", "noël", "crème brûlée", "à côté", "hôtel",
          "être", "naïve", "cœur", "Ça"]
CJK = ["今日は", "新しい", "製品", "발표", "한국어", "中文字", "テスト", "𠀋𡈽", "ｶﾀｶﾅ", "々〆"]
HANGUL_NFD = unicodedata.normalize("NFD", "한국어 발표")
TLDS = ["com", "co", "org", "net", "io", "dev", "fr", "jp", "uk", "co.uk", "xyz", "museum",
        "onion", "comx", "c", "рф", "みんな", "中国", "삼성", "xn--p1ai", "barclaycard", "ninja"]
LABELS = ["example", "t", "a", "go", "bit", "my-site", "x_y", "café", "日本", "пример",
          "xn--bcher-kva", "sub.domain", "a" * 63, "b" * 64, "ex--ample", "1", "EXAMPLE"]
PATHS = ["", "/", "/path", "/a/b.html", "/über", "/путь", "/wiki/Foo_(bar)", "/a(b(c)d)e",
         "/x?y=1", "?q=a&b=c", "/p#frag", "/@user/", "/~tilde", "/a.b.", "/end!", "/a,b",
         ":8080", ":8080/x", "/%20", "/日本", "/a)b", "/" + "z" * 30]
PROTOCOLS = ["", "", "http://", "https://", "HTTPS://", "hTTp://", "ftp://", "mailto:"]
BEFORE = [" ", " ", "", "(", "\"", "@", "#", "$", ".", "-", "/", "_", "a", "é", "\u202a", "\n"]
AFTER = ["", "", " ", ".", ",", "!", ")", "?", "…", "x", "-", "@", "\u3002", "\u202c"]
EMOJI_SINGLE = ["😀", "👍", "❤", "❤️", "❤︎", "©", "©️", "®", "™️", "♟", "♟️", "♾", "♾️", "⌚", "⌚️",
                "⏩", "⏩️", "☝", "☝️", "🥱", "🫠", "🦰", "\ue50a", "\ufe0f", "🇫", "#", "↔️", "⛷"]
TONES = ["", "🏻", "🏼", "🏽", "🏾", "🏿"]
ZWJ = ["👨‍👩‍👧‍👦", "👩‍❤️‍💋‍👨", "🏳️‍🌈", "🏴‍☠️", "👁‍🗨", "👁️‍🗨️", "👨‍⚕️", "👩🏽‍💻", "🧑‍💻", "❤️‍🔥",
       "🏳️‍⚧️", "🏃‍♀️", "🏃🏾‍♂️", "⛹️‍♀️", "🕵🏻‍♂️", "🤵‍♀️", "🕴️‍♀️", "👨‍🦰", "🧑🏽‍🤝‍🧑🏻", "🐻‍❄️", "👯‍♂️"]
FLAGS = ["🇫🇷", "🇺🇸", "🇯🇵", "🇪🇺", "🇺🇳", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🇦", "🇿🇿", "🏴"]
KEYCAPS = ["1️⃣", "1⃣", "#️⃣", "*⃣", "🔟", "9️⃣"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\u061c",
             "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
             "\u2069", "\ufe0e", "\ufe0f", "\u2028", "\u2029", "\u3000", "\u00a0", "\t"]
INVALID = ["\ufffe", "\ufeff", "\uffff"]
PUNCT = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\r\n", " \u2014 ", "\u201c", "\u201d",
         "\u2019", "\u2026", " - "]


def _url(rng: random.Random) -> str:
    if rng.random() < 0.15:
        slug = "".join(rng.choices("abcdefghijklmnopqrstuvwxyzABC0123456789", k=rng.choice(
            [1, 8, 10, 40, 41, 50])))
        tail = rng.choice(["", "", "?amp=1", "/extra", "?a=b&c=d", "."])
        return rng.choice(["", "http://", "https://"]) + "t.co/" + slug + tail
    labels = rng.sample(LABELS, k=rng.choice([1, 1, 1, 2]))
    return (rng.choice(PROTOCOLS) + ".".join(labels) + "." + rng.choice(TLDS)
            + rng.choice(PATHS))


def _emoji(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(EMOJI_SINGLE) + rng.choice(TONES[:1] * 5 + TONES)
    if kind < 0.6:
        return rng.choice(ZWJ)
    if kind < 0.8:
        return rng.choice(FLAGS)
    return rng.choice(KEYCAPS)


def _piece(rng: random.Random, kinds: list[str]) -> str:
    kind = rng.choice(kinds)
    if kind == "ascii":
        return rng.choice(WORDS)
    if kind == "french":
        word = rng.choice(FRENCH)
        return unicodedata.normalize("NFD", word) if rng.random() < 0.5 else word
    if kind == "cjk":
        return rng.choice([*CJK, HANGUL_NFD])
    if kind == "url":
        return rng.choice(BEFORE) + _url(rng) + rng.choice(AFTER)
    if kind == "mention":
        name = rng.choice(["jane", "Team_X", "a", "user1"])
        return rng.choice(["@", "\uff20", "@"]) + name + rng.choice(["", "", "@mastodon.social"])
    if kind == "hashtag":
        tag = rng.choice(["launch", "Falcon", "日本", "AAPL", "1"])
        return rng.choice(["#", "\uff03", "$"]) + tag
    if kind == "emoji":
        return _emoji(rng)
    if kind == "invisible":
        return rng.choice(INVISIBLE)
    if kind == "invalid":
        return rng.choice(INVALID)
    return rng.choice(PUNCT)


ALL_KINDS = ["ascii", "french", "cjk", "url", "mention", "hashtag", "emoji", "invisible",
             "punct"]


def draft(rng: random.Random) -> str:
    """One draft: a mix of piece kinds, sized around a limit more often than not."""
    kinds = [*rng.sample(ALL_KINDS, k=rng.randint(1, 4)), "punct", "ascii"]
    if rng.random() < 0.03:
        kinds.append("invalid")
    target = rng.choice([rng.randint(1, 60), rng.randint(130, 150), rng.randint(265, 300),
                         rng.randint(270, 290), rng.randint(300, 600)])
    parts: list[str] = []
    size = 0
    while size < target:
        piece = _piece(rng, kinds)
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)
    if rng.random() < 0.1:
        text = text[: rng.randint(0, len(text))]  # cuts inside URLs, pairs, ZWJ sequences
    return text


def drafts(seed: int, n: int) -> list[str]:
    """`n` drafts from `seed`; the same arguments always give the same drafts."""
    rng = random.Random(seed)
    return [draft(rng) for _ in range(n)]


# JS-versus-Python traps: case folding (Kelvin sign, long s, dotted/dotless i, Greek iota with
# U+0345, U+0260), lone surrogates, C1 and line separators, ideographic full stops in domains.
ODD = ["\ud83d", "\ude00", "\ud83d\ude00", "x", " ", ".", "https://", "HTTP\u017f://",
       "\u212aelvin.com", "ex.\u0420\u0424", "пример.РФ", "a.com/\u03b9\u0399", "a.com/\u0260",
       "\x00", "\x85", "\u2028", "t.co/", "T.CO/abc", "ab", "日本", "\ufe0f", "\u20e3", "1", "@",
       "xn--", "XN--abc.com", "\u3002com", "例。テスト.com", "https://例。テスト.jp",
       "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.co", "(a.com)", "[a.com]", "\"a.com\"", "'a.com'",
       "a.com:80", "a.com:80/x", "a.com?x=1", "\ufb01.com", "\u0130stanbul.com", "\u0131.com",
       "ß.de", "\u1e9e.de"]


def odd_drafts(seed: int, n: int) -> list[str]:
    """`n` short drafts strung from ODD pieces (lone surrogates included)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(ODD) for _ in range(rng.randint(1, 40))) for _ in range(n)]
