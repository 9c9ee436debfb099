"""`entity` rules: spaCy's entities under one label set, plus money and percent amounts by pattern.

The small models miss amounts written the French way (`4,5 M€`, `1,3 million d'euros`) and
often tag them CARDINAL; a regex pass finds them and wins over an overlapping numeric entity,
so each amount is one MONEY or PERCENT span.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import regex

from guard.errors import RulePackError
from guard.models import Rule

# French (WikiNER) labels -> the English (OntoNotes) names the rules are written in.
LABEL_MAP = {"PER": "PERSON", "LOC": "GPE", "MISC": "MISC", "ORG": "ORG"}
ONTONOTES = (
    "CARDINAL",
    "DATE",
    "EVENT",
    "FAC",
    "GPE",
    "LANGUAGE",
    "LAW",
    "LOC",
    "MONEY",
    "NORP",
    "ORDINAL",
    "ORG",
    "PERCENT",
    "PERSON",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
)
KNOWN_LABELS = frozenset(ONTONOTES) | {"PER", "MISC"}
# Labels the models only give to spans with a digit or a number word.
NUMERIC = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
# Labels the amount patterns produce.
AMOUNTS = frozenset({"MONEY", "PERCENT"})

# Broad on purpose: a word here only lets the model run; a missing one would hide a finding.
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions trillion "
    "trillions dozen dozens half quarter quarters double triple twice percent pct bn mn mln "
    "first second third fourth fifth sixth seventh eighth ninth tenth once thrice several few "
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize vingt trente quarante cinquante soixante cent cents mille million millions milliard "
    "milliards douzaine douzaines moitié demi tiers quart pourcent premier première deuxième "
    "troisième centaine centaines millier milliers "
    # Currency and percent words: the model tags "$UNG $" or "a few bucks" MONEY with no digit.
    "dollar dollars euro euros pound pounds cent cents buck bucks yen franc francs usd eur gbp "
    "percent pourcent pct"
)
_NUMBER_WORD = regex.compile(
    r"[\d$€£¥%]|\b(?:"
    + "|".join(sorted(set(_NUMBER_WORDS.split()), key=len, reverse=True))
    + r")\b",
    regex.IGNORECASE,
)

_NUM = r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})*(?:[.,]\d+)?(?![\d])"
_SCALE = (
    r"(?:[kKmM](?![\w])|bn|Bn|mn|mln|Md|Mds|Mrd|md|mds|k€|M€|"
    r"thousand|million|millions|billion|billions|trillion|milliers?|millions?|milliards?)"
)
_CUR_SYM = r"(?:US\$|C\$|A\$|[$€£¥])"
_CUR_WORD = (
    r"(?:€|\$|£|¥|EUR|USD|GBP|CHF|JPY|euros?|dollars?|livres?|pounds?|"
    r"francs?|yens?|bucks)"
)
_AMOUNT = regex.compile(
    rf"""
    (?P<money>
        {_CUR_SYM}\s?{_NUM}(?:\s?{_SCALE})?(?!\w)                  # $4.5M, € 12, US$3 billion
      | (?:EUR|USD|GBP|CHF)\s?{_NUM}(?:\s?{_SCALE})?(?!\w)          # EUR 3 million
      | {_NUM}\s?(?:{_SCALE}\s?)?(?:d['\u2019]\s?|de\s)?{_CUR_WORD}(?!\w)
      # ^ 4,5 M€, 1,3 million d'euros, 300 millions de dollars
    )
    | (?P<percent>{_NUM}\s?(?:%|percent\b|per\scent\b|pour\s?cent\b|pct\b))
    """,
    regex.VERBOSE,
)


def check_labels(rule: Rule) -> None:
    """Refuse a label no pipeline produces (a typo would silently never fire)."""
    for label in rule.entity:
        if label not in KNOWN_LABELS:
            close = difflib.get_close_matches(label.upper(), sorted(KNOWN_LABELS), n=1)
            raise RulePackError.at(
                rule,
                f"unknown entity label '{label}'",
                f"did you mean '{close[0]}'?"
                if close
                else "use one of " + ", ".join(sorted(KNOWN_LABELS)),
            )


def wanted_labels(labels: Iterable[str]) -> frozenset[str]:
    """A rule's labels in the English names (PER -> PERSON, LOC -> GPE)."""
    return frozenset(
        LABEL_MAP.get(label, label) if label in ("PER", "LOC") else label for label in labels
    )


def needs_number(labels: Iterable[str]) -> bool:
    """True when every label is numeric: a draft without a number or currency needs no model."""
    labels = list(labels)
    return bool(labels) and all(label in NUMERIC for label in labels)


def has_number(text: str) -> bool:
    """A digit, a number word, or a currency or percent sign or word, in English or French."""
    return _NUMBER_WORD.search(text) is not None


def amounts(text: str) -> list[tuple[int, int, str]]:
    """Money and percent spans found by pattern: (start, end, label)."""
    out = []
    for m in _AMOUNT.finditer(text):
        label = "MONEY" if m.group("money") else "PERCENT"
        out.append((m.start(), m.end(), label))
    return out


_URL = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|co|ly|gl|io)/\S*", regex.IGNORECASE
)


def merge(
    text: str,
    model: Sequence[tuple[int, int, str]],
    found: Sequence[tuple[int, int, str]],
    lang: str,
) -> list[tuple[int, int, str]]:
    """The model's entities (labels mapped) with the pattern amounts; an amount replaces the
    numeric entities it overlaps, and is dropped when a model MONEY/PERCENT already covers it.
    Entities inside a URL are dropped: the small models read shortened links as names. So are
    numeric entities without a number (the model calls "#mesothelioma #" MONEY): this is also
    what makes the "no number, no model" gate exact."""
    urls = [m.span() for m in _URL.finditer(text)] if "/" in text or "www" in text else []
    ents = [
        (s, e, _map(label, lang))
        for s, e, label in model
        if not any(us < e and s < ue for us, ue in urls)
        and (label not in NUMERIC or has_number(text[s:e]))
    ]
    for start, end, label in found:
        overlapping = [x for x in ents if x[0] < end and start < x[1]]
        if any(x[2] == label and x[0] <= start and end <= x[1] for x in overlapping):
            continue
        if any(x[2] not in NUMERIC and not (start <= x[0] and x[1] <= end) for x in overlapping):
            continue  # the model saw a name reaching past the amount ("Page 3"): trust it
        # A name wholly inside a currency amount is the small model misreading it ("$750k" as
        # PERSON): the amount, which carries its currency, wins.
        ents = [x for x in ents if x not in overlapping]
        ents.append(
            (
                min([start, *(x[0] for x in overlapping)]),
                max([end, *(x[1] for x in overlapping)]),
                label,
            )
        )
    return sorted(ents)


def _map(label: str, lang: str) -> str:
    return LABEL_MAP.get(label, label) if lang != "en" else label
