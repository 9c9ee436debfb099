"""Term matching: every term of every term rule, found in one pass over the normalised draft.

This is the one seam for literal matching; `allow` phrases go through it too, so whatever
disguise handling finds a term also finds an allowed phrase.

How: each term is reduced by `guard.detect.normalise.term_key` to a key without separators
(`blueheron`) plus the offsets where it may break into words. The draft is normalised once and
every run of its pieces that may start and end a word (at most as many word breaks as the
longest term has, at most as long as the longest key) is looked up in a dict: the cost per draft
depends on the draft and the longest term, not on how many terms the pack holds. A run matches a
term when the key is equal and every separator it crosses sits at one of the term's word breaks.
Leetspeak readings and plural endings (`Falcons`, `Companies`) are tried as extra keys. Fuzzy
matching (Damerau edit distance `match.fuzzy`, capped at 2, for keys of 6+ letters; see
`guard.detect.fuzzy` for the index) is not tried when every word of the draft's run is an ordinary
English or French word (a snapshot of `wordfreq`, guard/detect/data/common_words.txt), so `Ranger`
never flags `danger`. Fuzzy hits carry confidence 0.8. Hashed rules hash the same runs' keys
(see `guard.detect.hashing`); they cannot match fuzzily.
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Any

from guard.detect.fuzzy import (
    FuzzyIndex,
    add_id,
    breaks_close,
    common_words,
    digits,
    ids,
    loaded_common_words,
    within,
)
from guard.detect.fuzzy import drop_shadowed as _drop_shadowed_fuzzy
from guard.detect.hashing import HashedRules
from guard.detect.normalise import (
    NONE,
    SOFT,
    STRONG,
    WEAK,
    Normalised,
    Piece,
    TermKey,
    cased_letters,
    normalise,
    term_key,
)
from guard.models import Hit, MatchOptions, Rule
from guard.record import record

FUZZY_CONFIDENCE = 0.8
MIN_FUZZY_LETTERS = 6
MAX_FUZZY = 2
MAX_READINGS = 8  # leetspeak readings tried per run of pieces
PRUNE = 4  # a run from inside a word stops once its first 4 letters begin no key
_VIA_RANK = {"exact": 0, "evasion": 1, "hashed": 2, "fuzzy": 3}


@record
class TermEntry:
    """One term to find, the key it reports under, and how to compare it."""

    key: str
    term: str
    match: MatchOptions
    confidence: float = 1.0  # the rule's; a typo's hit gets FUZZY_CONFIDENCE times this


@record
class _Span:
    """A run of pieces of the draft: its form offsets and where it crossed separators."""

    first: int  # piece indexes, inclusive
    last: int
    strong: tuple[int, ...]  # key offsets of the STRONG joints crossed
    keys: tuple[tuple[str, bool], ...]  # (key, read through leetspeak)
    token_end: bool  # the run ends a token (plural endings only count there)
    # Typos are looked for only in runs between ordinary separators: not from a camel hump
    # or a digit, and not inside spelled-out letters (`a a a ...` would try every sub-run).
    whole: bool


def _plain(text: str) -> str:
    # Canonically equal spellings (a precomposed or a combining accent) are the same text.
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())


class TermMatcher:
    """Finds all entries (and hashed rules) in a text; built once per pack."""

    def __init__(self, entries: Sequence[TermEntry], hashed: Sequence[Rule] = ()) -> None:
        self._entries = tuple(entries)
        self._keys: list[TermKey] = []
        self._exact: dict[str, Any] = {}  # term key -> entry index, or list of them
        self._fuzzy = FuzzyIndex(MIN_FUZZY_LETTERS)
        self._heads: set[str] = set()  # first PRUNE letters of every key
        self._break_heads: set[str] = set()  # every key cut at each of its word breaks
        self._word_heads: set[str] = set()  # first 1 to PRUNE letters of fuzzy.words
        self._max_len = 0
        self._max_strong = 0
        # Building allocates a few objects per term and no cycles: the collector only slows it.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._index_terms()
        finally:
            if collecting:
                gc.enable()
        self._hashed = HashedRules(hashed)
        if self._hashed:  # a hashed key's word breaks are unknown: runs up to its word count
            self._max_strong = max(self._max_strong, self._hashed.max_strong)
            self._max_len = max(self._max_len, 64)

    def _index_terms(self) -> None:
        exact, fuzzy = self._exact, self._fuzzy
        known: dict[str, TermKey] = {}  # the same term in several rules is cut once
        for i, entry in enumerate(self._entries):
            tk = known.get(entry.term)
            if tk is None:
                tk = known[entry.term] = term_key(entry.term)
            self._keys.append(tk)
            key = tk.key
            if not key:
                continue  # a term with no letter or digit cannot be told from punctuation
            if key in exact:
                add_id(exact, key, i)
            else:
                exact[key] = i
            self._heads.add(key[:PRUNE])
            if len(key) > self._max_len:
                self._max_len = len(key)
            if tk.breaks:
                self._max_strong = max(self._max_strong, len(tk.breaks))
                self._break_heads.update(key[:b] for b in tk.breaks)
            depth = min(entry.match.fuzzy, MAX_FUZZY)
            if depth < 1 or len(key) < MIN_FUZZY_LETTERS or not entry.match.evasion:
                continue  # a rule without evasion takes exact spellings only
            if entry.match.case == "sensitive":
                continue  # a typo never has the exact case the rule asks for
            fuzzy.add(key, i, depth)
            if tk.breaks:
                words = tk.display.split()
                if len(words) <= len(tk.breaks):  # camel case or digits: cut at every break
                    words = [key[a:b] for a, b in pairwise([0, *sorted(tk.breaks), len(key)])]
                fuzzy.words.update(words)
        self._word_heads = {w[:k] for w in fuzzy.words for k in range(1, PRUNE + 1)}

    @classmethod
    def for_rules(cls, rules: Iterable[Rule]) -> TermMatcher:
        """A matcher over the terms of every `terms`/`terms_file` rule and every `hashed` rule."""
        rules = list(rules)
        entries = [
            TermEntry(rule.id, term, rule.match, rule.confidence)
            for rule in rules
            if rule.detector in ("terms", "terms_file")
            for term in rule.terms
        ]
        hashed = [r for r in rules if r.detector == "hashed" and r.hashed is not None]
        return cls(entries, hashed)

    def find(self, text: str) -> list[Hit]:
        """Every occurrence of every entry, overlapping ones included, best `via` per span."""
        if not self._exact and not self._hashed:
            return []
        norm = normalise(text)
        best: dict[tuple[str, int, int], Hit] = {}
        for span in self._spans(norm):
            for hit in self._match(norm, span):
                key = (hit.rule_id, hit.start, hit.end)
                old = best.get(key)
                if old is None or _VIA_RANK[hit.via] < _VIA_RANK[old.via]:
                    best[key] = hit
        hits = sorted(best.values(), key=lambda h: (h.start, h.end, h.rule_id))
        if any(h.via == "fuzzy" for h in hits):
            hits = _drop_shadowed_fuzzy(hits)
        return hits

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every occurrence, for allow lists."""
        return [(h.start, h.end) for h in self.find(text)]

    def _spans(self, norm: Normalised) -> Iterator[_Span]:
        """The runs of pieces worth a closer look (a key, a plural stem or a typo may match)."""
        # The hot loop of the matcher: most runs match nothing, so each is dismissed with a few
        # dict or set lookups and no allocation beyond its key; a _Span is made only for a run
        # whose key (or plural stem) is a term's, that a typo may reach, or that a hashed rule
        # must hash. Attribute lookups are hoisted; the order of the runs is the old one.
        pieces = norm.pieces
        n = len(pieces)
        max_len = self._max_len + 3 + self._fuzzy.depth  # plural endings, typos
        exact, always, heads = self._exact, bool(self._hashed), self._heads
        max_strong, fuzzy_words = self._max_strong, self._fuzzy.words
        break_heads = self._break_heads
        common = loaded_common_words()  # None: not read yet (may_match reads it if need be)
        depth = self._fuzzy.depth
        shortest_typo = MIN_FUZZY_LETTERS - depth if depth else max_len + 1
        longest_typo = self._max_len + depth
        ends = _run_ends(pieces)
        typo_counts = self._hashed.typo_words  # word counts of hashed terms kept with a typo
        for i in range(n):
            _, _, raw, first_readings, joint = pieces[i]
            if joint == NONE:
                continue
            alts: Sequence[str] = first_readings  # the leetspeak keys, after the raw one
            strong: list[int] = []
            starts_word = joint == STRONG
            # Runs from inside a word (`a a a ...`, `@BlueHeron`) never look for typos, so they
            # can stop as soon as no key starts like them; a hashed key's start is unknown.
            prune = not starts_word and not always
            typo_word = False  # a finished word of the run is a word of a multiword typo term
            j = i
            while True:
                size = len(raw)
                if size > max_len:
                    break
                end = ends[j]  # < 0: a lone digit follows, `F4` is not where a match may end
                if end >= 0:
                    if (
                        raw in exact
                        or (end and raw[-1] == "s" and _stem_keyed(raw, exact))
                        or (alts and any(_keyed(k, end > 0, exact) for k in alts))
                        or (always and self._hashed_hit(raw, alts, end > 0, strong))
                        or (
                            typo_counts
                            and end == 2
                            and starts_word
                            and len(strong) + 1 in typo_counts
                            and self._hashed_typo_hit(raw, strong)
                        )
                    ):
                        may = True
                    elif end == 2 and starts_word and shortest_typo <= size <= longest_typo:
                        # The typo filter's cheapest test first: one set lookup ends most runs.
                        if strong:
                            may = typo_word or raw[strong[-1] :] in fuzzy_words
                        else:
                            may = common is None or raw not in common
                        may = may and self._fuzzy.may_match(raw, strong, typo_word)
                    else:
                        may = False
                    if may:
                        keys = ((raw, False), *((k, True) for k in alts))
                        yield _Span(i, j, tuple(strong), keys, end > 0, starts_word and end == 2)
                    if (
                        prune
                        and size >= PRUNE
                        and raw[:PRUNE] not in heads
                        and not (alts and any(k[:PRUNE] in heads for k in alts))
                    ):
                        break
                j += 1
                if j == n:
                    break
                _, _, text, readings, joint = pieces[j]
                if joint == STRONG:
                    if len(strong) >= max_strong:
                        break
                    if depth and starts_word and not typo_word:
                        typo_word = raw[strong[-1] if strong else 0 :] in fuzzy_words
                    if (
                        not always
                        and raw not in break_heads
                        and not (alts and any(k in break_heads for k in alts))
                        and (
                            not (depth and starts_word)
                            or (
                                len(strong) + 1 == max_strong
                                and not self._typo_next(pieces, j, typo_word)
                            )
                        )
                    ):
                        # Every run on from here crosses this separator: no term has a word
                        # break after what came before (`_verify` would refuse the key), and
                        # the run cannot be a typo (not from a word's start, or this is its last
                        # separator and no word of a multiword typo term is finished or next).
                        break
                    strong.append(size)
                # Keep the raw key first, then prefer keys read through more letters.
                if alts or readings:
                    alts = (
                        [k + r for k in (raw, *alts) for r in readings] + [k + text for k in alts]
                    )[: MAX_READINGS - 1]
                raw += text

    def _match(self, norm: Normalised, span: _Span) -> Iterator[Hit]:
        start, end = norm.original_span(norm.pieces[span.first].start, norm.pieces[span.last].end)
        found = hashed_found = False
        for key, leet in span.keys:
            for stem in _stems(key, span.token_end):
                for i in ids(self._exact.get(stem)):
                    hit = self._verify(norm, span, i, start, end, leet or stem != key)
                    if hit is not None:
                        found = True
                        yield hit
            if self._hashed and len(span.strong) <= self._hashed.max_strong:
                for hit in self._match_hashed(key, span, start, end):
                    hashed_found = True
                    yield hit
        if not found and self._fuzzy.depth and span.whole:
            yield from self._match_fuzzy(norm, span, start, end)
        if not hashed_found and span.whole and len(span.strong) + 1 in self._hashed.typo_words:
            raw = span.keys[0][0]  # a typo on top of leetspeak is two disguises: raw key only
            if self._hashed_typo_hit(raw, list(span.strong)):
                for rule_id in self._hashed.typo_rule_ids(raw):
                    confidence = FUZZY_CONFIDENCE * self._hashed.confidence.get(rule_id, 1.0)
                    yield Hit(rule_id, start, end, "fuzzy", normalized=raw,
                              confidence=round(confidence, 4))

    def _typo_next(self, pieces: Sequence[Piece], j: int, typo_word: bool) -> bool:
        """Whether a typo run may end in the word starting at piece `j` (its last word)."""
        if typo_word:
            return True
        text = pieces[j][2]
        if j + 1 == len(pieces) or pieces[j + 1][4] == STRONG:  # a word of one piece
            return text in self._fuzzy.words
        return text[:PRUNE] in self._word_heads  # a word of its pieces must begin like one

    def _verify(
        self, norm: Normalised, span: _Span, i: int, start: int, end: int, folded: bool
    ) -> Hit | None:
        entry, tk = self._entries[i], self._keys[i]
        if not all(b in tk.breaks for b in span.strong):
            return None
        written = norm.text[start:end]
        exact = not folded and _plain(written) == _plain(entry.term)
        if entry.match.case == "sensitive":
            exact = exact and " ".join(written.split()) == " ".join(entry.term.split())
            if not _same_case(written, entry.term):
                return None
        if not entry.match.evasion and not (exact and _whole_word(norm.text, start, end)):
            return None
        return Hit(entry.key, start, end, "exact" if exact else "evasion", normalized=tk.display)

    def _hashed_hit(self, raw: str, alts: Sequence[str], end: bool, strong: list[int]) -> bool:
        """True when `_match_hashed` finds a rule for a key of this run."""
        if len(strong) > self._hashed.max_strong:
            return False
        listed = self._hashed.listed
        for key in (raw, *alts):
            for stem in _stems(key, end):
                if listed(stem):
                    return True
        return False

    def _hashed_typo_hit(self, raw: str, strong: Sequence[int]) -> bool:
        """True when a hashed term kept with a typo is one edit from this run (as plain fuzzy)."""
        if not MIN_FUZZY_LETTERS - 1 <= len(raw) <= 65:
            return False
        words = [raw[a:b] for a, b in pairwise([0, *strong, len(raw)])]
        if all(w in common_words() for w in words):
            return False  # ordinary words are no typo of a codename, as in plain matching
        return bool(self._hashed.typo_rule_ids(raw))

    def _match_hashed(self, key: str, span: _Span, start: int, end: int) -> Iterator[Hit]:
        for stem in _stems(key, span.token_end):
            if stem != key and len(stem) in span.strong:
                # "Falcon's": the ending sits after a separator, so the shorter run already
                # covers the term; matching here too would end the span after the 's.
                continue
            for rule_id in self._hashed.rule_ids(stem):
                yield Hit(rule_id, start, end, "hashed", normalized=stem)

    def _match_fuzzy(self, norm: Normalised, span: _Span, start: int, end: int) -> Iterator[Hit]:
        depth = self._fuzzy.depth
        for key, leet in span.keys:
            if leet:
                continue  # a typo on top of leetspeak is two disguises, and mostly noise
            if len(key) < MIN_FUZZY_LETTERS - depth or len(key) > self._max_len + depth:
                continue
            words = [key[a:b] for a, b in pairwise([0, *span.strong, len(key)])]
            if span.strong and not any(w in self._fuzzy.words for w in words):
                continue  # one edit leaves at least one word of a multiword term intact
            # Ordinary words (`danger` is no typo of the codename `Ranger`) are skipped. Once the
            # word list is loaded that test goes first, as it is cheaper than the index lookups;
            # before, the list is loaded only when a candidate turns up (cold start, small packs).
            loaded = loaded_common_words() is not None
            if loaded and all(w in common_words() for w in words):
                continue
            candidates = self._fuzzy.candidates(key)
            if not candidates or (not loaded and all(w in common_words() for w in words)):
                continue
            for i in sorted(candidates):
                entry, tk = self._entries[i], self._keys[i]
                limit = min(entry.match.fuzzy, MAX_FUZZY)
                if tk.key == key or not within(key, tk.key, limit):
                    continue
                if not breaks_close(span.strong, tk.breaks):
                    continue
                if digits(key) != digits(tk.key):
                    continue  # a typo is in the letters: `Area 512` is another number
                yield Hit(
                    entry.key, start, end, "fuzzy", normalized=tk.display,
                    confidence=round(FUZZY_CONFIDENCE * entry.confidence, 4),
                )


def _keyed(key: str, token_end: bool, exact: dict[str, Any]) -> bool:
    """True when `key`, or at a token's end one of its plural stems, is a term's key."""
    if key in exact:
        return True
    return token_end and key[-1] == "s" and _stem_keyed(key, exact)


def _stem_keyed(key: str, exact: dict[str, Any]) -> bool:
    """True when a plural stem of `key` (which ends a token) is a term's key."""
    if len(key) < 4 or key[-2] in "su":
        return False  # the common case, decided before any generator is made (hot path)
    return any(stem in exact for stem in _plural_stems(key))


def _plural_stems(key: str) -> Iterator[str]:
    """`key` without a plural ending, for a key that ends a token; lazily, cheapest first."""
    if len(key) < 4 or key[-1] != "s" or key[-2] in "su":
        return  # `boss`, `status`: no plural ending
    yield key[:-1]
    if key.endswith(("ses", "xes", "zes", "ches", "shes")):
        yield key[:-2]  # `-es` only after a hiss: `boxes`, but `shares` is `share`
    if key.endswith("ies"):
        yield key[:-3] + "y"


def _run_ends(pieces: Sequence[Piece]) -> list[int]:
    """For each piece, how a run ending there ends: -1 it may not (a lone digit follows),
    0 inside a token, 1 at a token's end, 2 at a word's end (what a typo needs)."""
    out = []
    last = len(pieces) - 1
    for k in range(last):
        _, _, text, _, joint = pieces[k + 1]
        if joint == NONE:
            out.append(-1)
        elif joint == STRONG:
            out.append(2)
        elif joint == SOFT and not text[0].isalpha():
            out.append(2)  # `Falcons!`: a trailing symbol or number does not make it longer
        else:
            out.append(1 if joint == WEAK else 0)
    if pieces:
        out.append(2)
    return out


def _stems(key: str, token_end: bool) -> list[str]:
    """The key, and at a token's end the key without a plural ending."""
    return [key, *_plural_stems(key)] if token_end else [key]


def _whole_word(text: str, start: int, end: int) -> bool:
    def word_char(c: str) -> bool:
        return c.isalnum() or c == "_"

    return not (start > 0 and word_char(text[start - 1])) and not (
        end < len(text) and word_char(text[end])
    )


def _same_case(written: str, term: str) -> bool:
    """True when the letters of `written` have the case of `term`'s (digits match any case)."""
    got, want = cased_letters(written), cased_letters(term)
    if len(got) < len(want):
        return False
    for (g, g_upper), (w, w_upper) in zip(got, want, strict=False):
        if g_upper is None or w_upper is None:
            continue
        if g != w or g_upper != w_upper:
            return False
    return True
