"""`phrases` rules: YAML token patterns -> spaCy Matcher patterns, checked when the pack loads.

The loader freezes YAML into tuples; here they become dicts and lists again, are validated
against spaCy's own token-pattern schema (errors name the pattern and token), and are read
for what they need: which token attributes (so only the components that set them run) and
which literal words every match must contain (so a draft without them is never tokenised).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from guard.errors import RulePackError
from guard.models import Rule

# Token attributes -> the kind of component that sets them (anything else: tokenizer only).
NEEDS: dict[str, str] = {
    "LEMMA": "lemma",
    "POS": "tag",
    "TAG": "tag",
    "MORPH": "tag",
    "DEP": "parse",
    "SENT_START": "parse",
    "IS_SENT_START": "parse",
    "ENT_TYPE": "ner",
    "ENT_IOB": "ner",
    "ENT_ID": "ner",
    "ENT_KB_ID": "ner",
}
# NORM is left out: norm exceptions map words to others ("gonna" -> "going").
_LITERAL_KEYS = ("LOWER", "ORTH", "TEXT")
_OPTIONAL_OPS = ("?", "*", "!")
_PATH = re.compile(r"^\[pattern -> (\d+)(?: -> (.*?))?\] (.*)$")


def thaw_patterns(frozen: Iterable[Any]) -> list[list[Any]]:
    """The loader's frozen tuples back to spaCy's shape: a list of patterns of token dicts."""
    return [
        [_thaw_spec(spec) for spec in pattern] if isinstance(pattern, tuple) else pattern
        for pattern in frozen
    ]


def _thaw_spec(spec: Any) -> Any:
    if isinstance(spec, tuple) and all(_is_pair(p) for p in spec):
        return {k: _thaw_value(v) for k, v in spec}
    return spec  # not a mapping: left as written so validation reports it


def _thaw_value(value: Any) -> Any:
    if isinstance(value, tuple):
        if value and all(_is_pair(p) for p in value):
            return {k: _thaw_value(v) for k, v in value}
        return [_thaw_value(v) for v in value]
    return value


def _is_pair(item: Any) -> bool:
    return isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)


# The plain shapes almost every pack uses. Patterns made only of these are valid for spaCy's
# schema (tests/nlp_test.py checks the claim), so loading them needs no `import spacy` (half a
# second); anything else goes through spaCy's own validator.
_STRING_KEYS = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "NORM",
        "LEMMA",
        "POS",
        "TAG",
        "MORPH",
        "DEP",
        "ENT_TYPE",
        "SHAPE",
        "PREFIX",
        "SUFFIX",
    }
)
_BOOL_KEYS = frozenset(
    {
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "IS_SENT_START",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    }
)
_OPS = re.compile(r"^(?:[+*?!]|\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")


def _plain(pattern: Any) -> bool:
    if not isinstance(pattern, list) or not pattern:
        return False
    for spec in pattern:
        if not isinstance(spec, dict) or not spec:
            return False
        for key, value in spec.items():
            if key in _STRING_KEYS:
                if isinstance(value, dict):
                    if len(value) != 1 or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
                        return False
                    items = next(iter(value.values()))
                    if "REGEX" in value:
                        if not isinstance(items, str) or _check_regexes([spec]):
                            return False
                    elif not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                        return False
                elif not isinstance(value, str):
                    return False
            elif key in _BOOL_KEYS:
                if not isinstance(value, bool):
                    return False
            elif key == "OP":
                if not isinstance(value, str) or not _OPS.match(value):
                    return False
            else:
                return False
    return True


def validate(rule: Rule) -> list[list[dict[str, Any]]]:
    """The rule's patterns, or a RulePackError naming the pattern and token that spaCy refuses."""
    patterns = thaw_patterns(rule.phrases)
    if all(_plain(p) for p in patterns):
        return patterns
    from guard.detect.nlp.runtime import import_spacy

    import_spacy()  # a clear exit 3 when spaCy is missing, not a traceback
    from spacy.schemas import TokenPattern, validate_token_pattern

    for p_index, pattern in enumerate(patterns):
        problems = (
            validate_token_pattern(pattern)
            if isinstance(pattern, list)
            else ["[pattern] a pattern is a list of token specs"]
        )
        if not problems:
            problems = _check_regexes(pattern)
        if problems:
            token, field, text = _parse(problems[0])
            where = f"phrases pattern {p_index + 1}"
            if token is not None:
                where += f", token {token + 1}"
            field_text = f" ({field})" if field else ""
            hint = "write each token as a mapping such as {LOWER: buy} or {LEMMA: be, OP: '?'}"
            key = field.split(" -> ")[0] if field else ""
            if key and "Extra inputs" in text:
                close = difflib.get_close_matches(
                    key, list(TokenPattern.model_fields) + [a.upper() for a in _alias_keys()], n=1
                )
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "see spaCy's Matcher token attributes"
                )
            raise _error(rule, f"{where}{field_text}: {text}", hint)
    return patterns  # type: ignore[return-value]


def _alias_keys() -> list[str]:
    from spacy.schemas import TokenPattern

    return [f.alias for f in TokenPattern.model_fields.values() if f.alias]


def _check_regexes(pattern: list[dict[str, Any]]) -> list[str]:
    for t_index, spec in enumerate(pattern):
        for key, value in spec.items():
            if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                try:
                    re.compile(value["REGEX"])
                except re.error as exc:
                    return [
                        f"[pattern -> {t_index} -> {key} -> REGEX] "
                        f"the regex does not compile: {exc}"
                    ]
    return []


def _parse(problem: str) -> tuple[int | None, str, str]:
    m = _PATH.match(problem)
    if not m:
        return None, "", problem.removeprefix("[pattern] ")
    rest = m.group(2) or ""
    # Drop pydantic's internal type names ("TokenPatternString", "str") from the key path.
    parts = [p for p in rest.split(" -> ") if p and not p[0].islower() and "TokenPattern" not in p]
    return int(m.group(1)), " -> ".join(parts), m.group(3)


def _error(rule: Rule, message: str, hint: str) -> RulePackError:
    return RulePackError.at(rule, message, hint)


def needs(patterns: Iterable[list[dict[str, Any]]]) -> set[str]:
    """Which analyses the patterns read: a subset of {'lemma', 'tag', 'parse', 'ner'}."""
    out: set[str] = set()
    for pattern in patterns:
        for spec in pattern:
            for key in spec:
                if key.upper() in NEEDS:
                    out.add(NEEDS[key.upper()])
    return out


def anchors(pattern: list[dict[str, Any]]) -> tuple[tuple[str, ...], ...] | None:
    """Literal words a match of this pattern must contain (one of each group), casefolded.

    None when the pattern has no mandatory literal token: then any draft may match it.
    """
    groups: list[tuple[str, ...]] = []
    for raw in pattern:
        spec = {str(k).upper(): v for k, v in raw.items()}  # spaCy also takes "lower", "op"
        op = str(spec.get("OP", ""))
        if op in _OPTIONAL_OPS or op.startswith(("{0", "{,")):
            continue
        for key in _LITERAL_KEYS:
            if key not in spec:
                continue
            value = spec[key]
            if isinstance(value, str):
                groups.append((value.casefold(),))
            elif isinstance(value, dict) and set(value) == {"IN"} and value["IN"]:
                groups.append(tuple(str(v).casefold() for v in value["IN"]))
            break
    return tuple(groups) if groups else None


def could_match_words(
    present: set[str], anchor_sets: Sequence[Sequence[Iterable[str]] | None]
) -> bool:
    """`could_match`, given the set of anchor words found in the draft (one automaton pass);
    a group is any collection of words (frozensets are fastest: a group of a hundred words
    against the few words a draft holds is one set operation)."""
    for groups in anchor_sets:
        if groups is None:
            return True
        if all(not present.isdisjoint(group) for group in groups):
            return True
    return False


class AnchorIndex:
    """A phrase rule's anchor groups indexed by word: `could_match_words` over all its patterns
    at the cost of the few anchor words a draft holds, not of the rule's hundreds of words."""

    def __init__(self, anchor_sets: Sequence[Sequence[Iterable[str]]]) -> None:
        # Group g of pattern p is the number p * width + g: a word's postings and each pattern's
        # needs are sets of ints, compared at C speed (no Counter per draft).
        width = max((len(groups) for groups in anchor_sets), default=0) + 1
        postings: dict[str, set[int]] = {}
        for p, groups in enumerate(anchor_sets):
            for g, group in enumerate(groups):
                for word in set(group):
                    postings.setdefault(word, set()).add(p * width + g)
        self._postings = {w: frozenset(pg) for w, pg in postings.items()}
        self._needs = [frozenset(p * width + g for g in range(len(groups)))
                       for p, groups in enumerate(anchor_sets) if groups]
        self.words = frozenset(postings)

    def could_match(self, present: set[str]) -> bool:
        """True when some pattern has a word of each of its groups in `present`."""
        found = self.words.intersection(present)
        if not found:
            return False
        met = frozenset().union(*map(self._postings.__getitem__, found))
        return any(need <= met for need in self._needs)


class RuleAnchors:
    """Every phrase rule's AnchorIndex in one: the rules whose `could_match` holds for a draft's
    anchor words, from one union of postings for all of them (not one per rule)."""

    def __init__(self, rules: Mapping[str, Sequence[Sequence[Iterable[str]]]]) -> None:
        postings: dict[str, set[int]] = {}
        self._needs: list[tuple[str, tuple[frozenset[int], ...]]] = []
        base = 0  # each rule's numbers follow the previous rule's: no two rules share one
        for rule_id, anchor_sets in rules.items():
            width = max((len(groups) for groups in anchor_sets), default=0) + 1
            for p, groups in enumerate(anchor_sets):
                for g, group in enumerate(groups):
                    for word in set(group):
                        postings.setdefault(word, set()).add(base + p * width + g)
            needs = tuple(frozenset(base + p * width + g for g in range(len(groups)))
                          for p, groups in enumerate(anchor_sets) if groups)
            self._needs.append((rule_id, needs))
            base += len(anchor_sets) * width
        self._postings = {w: frozenset(pg) for w, pg in postings.items()}
        # A draft's met numbers name the few rules worth testing: most drafts meet one or two
        # rules' words, and testing every rule's needs cost more than the rest of the gate.
        self._owner = {n: i for i, (_, needs) in enumerate(self._needs) for need in needs
                       for n in need}

    def open(self, present: Iterable[str]) -> set[str]:
        """The rules with some pattern that has a word of each of its groups in `present`."""
        postings = self._postings
        met = frozenset().union(*[postings[w] for w in present if w in postings])
        if not met:
            return set()
        owner, rules = self._owner, self._needs
        return {rules[i][0] for i in set(map(owner.__getitem__, met))
                if any(n <= met for n in rules[i][1])}


def could_match(text_folded: str, anchor_sets: list[tuple[tuple[str, ...], ...] | None]) -> bool:
    """True when some pattern's mandatory words all occur (as substrings) in the draft."""
    for groups in anchor_sets:
        if groups is None:
            return True
        if all(any(word in text_folded for word in group) for group in groups):
            return True
    return False
