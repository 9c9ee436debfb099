"""The pattern prefilter, the late `near` patterns and the NLP gating change nothing but speed:
the same hits, spans and verdicts as running every rule on every draft."""

from __future__ import annotations

import json

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guard import Guard
from guard.detect import literals
from guard.detect.literals import LiteralIndex, fold, min_digits, required_literals
from guard.detect.patterns import PatternDetector, digit_count
from guard.packs.loader import load_pack
from tests.scripts import ROOT

CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"
LABELLED = ROOT / "tests" / "data" / "labelled.jsonl"
BENCH_PATTERNS = [
    r"\bAKIA[A-Z0-9]{16}\b",
    r"(?i)\b[a-z0-9-]+\.(?:internal|corp|intranet)\b",
    r"\bgh[pousr]_[A-Za-z0-9]{36}\b",
    r"(?i)\bQ[1-4]\s+(?:revenue|guidance)\b",
    r"(?i)\bpassword\s*[:=]\s*\S{6,}",
    r"(?i)k(?:elvin)sign",
]


def _pattern_rules():
    return [r for r in load_pack(["default"]).rules if r.detector == "pattern"]


def _both(rules, pack_rules=None):
    fast = PatternDetector(rules, 10_000, pack_rules)
    slow = PatternDetector(rules, 10_000)
    slow.prefilter = False
    return fast, slow


def _hits(detector: PatternDetector, text: str) -> list[tuple[str, int, int]]:
    found = detector.find(text)
    found += detector.find_late(text, found)
    return sorted((h.rule_id, h.start, h.end) for h in found)


def _texts(path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bAKIA[A-Z0-9]{16}\b", {"¦akia"}),  # ¦: no word character before it
        (r"(?i)\b[a-z0-9-]+\.(?:internal|corp)\b", {".internal¦", ".corp¦"}),
        (r"\bgh[pos]_\w+", {"¦ghp_", "¦gho_", "¦ghs_"}),
        (r"-----BEGIN [A-Z ]*PRIVATE KEY-----", {"private key-----"}),
        (r"(?i)\bpassword\s*[\p{L}:=]", {"¦password"}),  # \p{L}: regex-only, read as \w
        (r"abc\Kdefg", {"abcdefg"}),
        (r"(?:hello){e<=1}", None),  # fuzzy matching: `re` would read it as literal text
        (r"\d+@\w+", {"@"}),  # one character is worth testing: most drafts have no "@"
        (r"foo|\d+", None),  # one branch needs no literal
        (r"(?:colou?r)s", {"colo"}),  # an optional letter ends the run of literal text
        (r"\L<words>", None),  # named lists: `re` cannot read it
        # REVERSE searches from the end; a match still holds the literals.
        (r"(?r)\w{6,64}+\s+is\s+my\s+(?i:password)\b", {"¦password¦"}),
        (r"(?ri)x+=passwd", {"=passwd"}),
        (r"(?rb)x+=passwd", None),  # BESTMATCH: another flag `re` does not read
        (r"(?r)(?:hello){e<=1}", None),
        # An escaped brace is literal text to both modules; so is `{` with `\\` escaped before.
        (r"\$\{\w+\}@host", {"}@host"}),
        (r"\\{e<=1}abc", None),
        (r"a{2}bcd", {"aabcd"}),
        (r"[{]abcd", None),  # an unescaped brace (`re` reads `[{]` as one): none trusted
    ],
)
def test_required_literals_come_from_the_parse_tree(pattern, expected):
    assert required_literals(pattern) == (frozenset(expected) if expected else None)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i)\bNDA\s+on", {"¦nda¦"}),
        (r"(?<!\w)key(?!\w)", {"¦key¦"}),  # negative lookarounds of \w say the same
        (r"(?<![\w-])key(?![\w.])", {"¦key¦"}),  # a class holding all of \w too
        (r"(?<![a-z])key(?![0-9])", {"key"}),  # a digit or a letter may stand beside it
        (r"(?<!\p{L})key", {"key"}),  # read as \w, a property must not count as one
        (r"key(?<!\w)x", {"keyx"}),  # a lookbehind after the text says nothing of what follows
        (r"(?a)\bkey\b", {"key"}),  # ASCII \b: "é" would be a boundary, not a word character
        (r"\b@x", {"@x"}),  # a boundary before "@" needs a word character: not tested
        (r"\b(?:has|have)\s+an\s", {"¦has¦", "¦have¦"}),  # the boundary before a group
        (r"(?:\b|x)foo", {"¦foo", "xfoo"}),
        (r"\b(?:ab|cd)+x", {"ab", "cd"}),
        (r"\s+NDA\s+on", {"¦nda¦"}),  # a whitespace beside it is no word character
        (r"[\s(]nda\W", {"¦nda¦"}),
        (r"\s*nda[\s\w]", {"nda"}),  # \s* may consume nothing; [\s\w] may be a letter
        (r"(?i)\bTLP\s*:\s*RED\b", {"¦tlp"}),  # an edge weighs as a letter: beats "red¦"
    ],
)
def test_word_edges_of_literals_come_from_the_parse_tree(pattern, expected):
    assert required_literals(pattern) == frozenset(expected)


def test_an_edged_literal_counts_only_beside_a_non_word_character():
    index = LiteralIndex({"nda": ["¦nda"], "end": ["nda¦"], "both": ["¦nda¦"], "any": ["nda"]})
    for text, keys in [
        ("Monday agenda", {"any", "end"}),
        ("NDA", {"any", "nda", "end", "both"}),
        ("the NDA_x", {"any", "nda"}),  # "_" is a word character
        ("l'NDA, x", {"any", "nda", "end", "both"}),
        ("éNDA", {"any", "end"}),  # an accented letter is a word character
        ("e\u0301NDA", {"any", "end"}),  # so is a combining accent (a mark)
        ("机NDA🙂", {"any", "end"}),  # a CJK character is one; an emoji is not
        ("3NDA", {"any", "end"}),
        ("\u200bNDA", {"any", "nda", "end", "both"}),  # zero-width space: no word character
    ]:
        assert index.keys_in(fold(text), text) == keys, text
        # Without the text, edges are not checked: every variant counts.
        assert index.keys_in(fold(text)) == {"any", "nda", "end", "both"}, text


def test_monday_agenda_no_longer_runs_the_classification_pattern():
    pack = load_pack(["default"])
    fast, slow = _both([r for r in pack.rules if r.detector == "pattern"], pack.rules)
    rule_ids = lambda text: {r.id for r, _ in fast._candidates(text, fast._rules)}  # noqa: E731
    assert "marker.classification" not in rule_ids("Monday: agenda for the offsite")
    text = "Sorry, the NDA applies until launch"
    assert "marker.classification" in rule_ids(text)
    assert _hits(fast, text) == _hits(slow, text) == [("marker.classification", 11, 22)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\+?\d{3}[ .-]\d{4}", 7),
        (r"(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\d{2,4}){2,4}", 5),  # "00" is one branch of two
        (r"[0-9A-F]{8}", 0),  # letters too: no digit is certain
        (r"(?<=\d{4})x", 0),  # a lookbehind consumes nothing
        (r"\d{3}(?:-\d{2})?", 3),  # an optional part counts for nothing
        (r"(?:12|abc)\d", 1),
        (r"\d{3}{e<=1}", 0),  # fuzzy: a digit may be substituted
        (r"\p{Nd}{4}", 0),  # regex-only classes are read as \w
    ],
)
def test_the_fewest_digits_of_any_match_come_from_the_parse_tree(pattern, expected):
    assert min_digits(pattern) == expected


def test_digit_count_is_what_the_patterns_d_matches():
    fullwidth = "\uff11\uff12\uff13 fullwidth"
    for text in ("no digits", "call 0612 34 56 78", "٠٦١٢٣٤٥٦٧٨ ١٢", fullwidth, "²³ ½"):
        assert digit_count(text) == len(regex.findall(r"\d", text, flags=regex.V0)), text


def test_fold_maps_what_ignorecase_matches_to_ascii():
    # The regex module matches these to k, s and i under IGNORECASE; fold must too.
    assert fold("\u212aEY \u017fECRET \u0130NTERNAL") == "key secret internal"
    assert regex.search(r"(?i)secret", "\u017fECRET")
    assert "secret" in fold("\u017fECRET")


def test_the_index_finds_overlapping_and_nested_literals_without_pyahocorasick(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "ahocorasick", None)
    index = LiteralIndex({"a": ["internal"], "b": ["int"], "c": ["ternal"], "d": ["zzz"]})
    assert index.keys_in("an internal host") == {"a", "b", "c"}
    assert literals.searcher(["ab", ""])("xaby") == {"ab", ""}


@pytest.mark.skipif(not CORPUS.exists(), reason=f"the real posts are not at {CORPUS}")
def test_default_pack_patterns_same_hits_over_the_real_posts():
    pack = load_pack(["default"])
    rules = [r for r in pack.rules if r.detector == "pattern"]
    fast, slow = _both(rules, pack.rules)
    late = {r.id for r in fast._late}
    # marker.figure (issue 14) waits for a marker the post carries, as the mnpi rules wait.
    assert late == {"mnpi.hint-with-figure", "mnpi.hint-with-timing", "marker.figure"}
    texts = _texts(CORPUS) + _texts(LABELLED)
    assert sum(1 for t in texts if _hits(slow, t)) > 50  # the corpus exercises the patterns
    for text in texts:
        # The late rules wait for partners (phrase rules here): compared end to end below.
        expected = [h for h in _hits(slow, text) if h[0] not in late]
        assert _hits(fast, text) == expected, text


def _every_pattern_everywhere(guard: Guard) -> Guard:
    for detector in guard._detectors:
        if isinstance(detector, PatternDetector):
            detector.prefilter = False
            detector._rules += detector._late  # every pattern on every draft, as before
            detector._late = []
    return guard


def test_same_reports_on_the_labelled_posts_without_nlp():
    texts = _texts(LABELLED)
    slow = _every_pattern_everywhere(Guard.default(nlp=False))
    assert Guard.default(nlp=False).check_many(texts) == slow.check_many(texts)


@pytest.mark.nlp
@pytest.mark.skipif(not CORPUS.exists(), reason=f"the real posts are not at {CORPUS}")
def test_same_reports_with_nlp_on_the_labelled_and_real_posts():
    # Before: every pattern on every draft, every NLP rule on every draft (one Matcher of all
    # phrase patterns, no anchor automaton). After: prefilters, late patterns, gating.
    texts = _texts(LABELLED) + _texts(CORPUS)[:600]
    slow = _every_pattern_everywhere(Guard.default())
    assert slow._nlp is not None
    slow._nlp.gating = False
    fast = Guard.default()
    got, want = fast.check_many(texts), slow.check_many(texts)
    assert sum(1 for r in want if r.verdict != "allow") > 200
    assert got == want


ALPHABET = st.sampled_from(
    [
        *"akiAKIA0123456789 ._-:=@/\n\u212a\u017f\u0130ßéÉ",
        # Phone shapes, Arabic-Indic and fullwidth digits (`\d` matches them too).
        *"+()٠١٢٣٤٥٦٧٨٩\uff10\uff11\uff12\uff13",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "4111 1111 1111 1111",
        "FR76 3000 6000 0112 3456 7890 189",
        "123-45-6789",
        "internal",
        "corp",
        "password",
        "ghp_",
        "AKIA",
        "Q3 revenue",
        "glpat-",
        "sk_live_",
        "://",
        "hooks.slack.com/services/",
        "-----BEGIN ",
        "PRIVATE KEY",
        "accountkey=",
        ".eyJ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_property_same_hits_on_generated_drafts(text):
    fast, slow = _both(_pattern_rules())
    assert _hits(fast, text) == _hits(slow, text)
    bfast, bslow = _both([_rule(i, p) for i, p in enumerate(BENCH_PATTERNS)])
    assert _hits(bfast, text) == _hits(bslow, text)


def _rule(i, pattern):
    from guard.models import Rule

    return Rule(f"p.{i}", "pattern", "p", "high", 1.0, "m", pattern=pattern)


def _edged_cores() -> list[str]:
    """The text of every literal of the default pack that carries a word edge."""
    cores = set()
    for rule in _pattern_rules():
        for literal in required_literals(rule.pattern or "") or ():
            if literals.EDGE in literal:
                cores.add(literal.replace(literals.EDGE, ""))
    return sorted(cores)


EDGE_ALPHABET = st.sampled_from(
    [
        *_edged_cores(),
        *(c.upper() for c in _edged_cores()),
        "NDA applies",
        "has an NDA on",
        "Monday",
        "agenda",
        "TLP:AMBER",
        "C2 \u2013 Interne",
        "(usage interne)",
        "classification : C2",
        "FR",
        "123",
        "_",
        "-",
        " ",
        "\n",
        ":",
        "(",
        "é",
        "É",
        "e\u0301",
        "ß",
        "机密",
        "🙂",
        "\u200b",
        "\u200d",
        "\u00a0",
        "٣",
        "\uff2e\uff24\uff21",
        "\u212a",
        "\u017f",
        "\u0130",
        "0",
        "x",
        "\u2019",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDGE_ALPHABET, max_size=12).map("".join))
def test_property_word_edges_never_skip_a_match(text):
    # Drafts where the edged literals sit beside accents, CJK, emoji, underscores, digits,
    # zero-width characters and look-alike letters: every pattern of the default pack, with
    # and without the prefilter, finds the same hits.
    fast, slow = _both(_pattern_rules())
    assert _hits(fast, text) == _hits(slow, text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # The keyword is matched, then dropped from the hit by \K: the hit is the value alone.
        (r"\bSteuer-ID is \K\d{11}", "the client's Steuer-ID is 39613372405, he moved"),
        (r"(?i)passport\W+\K[A-Z]{2}\d{6}", "Passport: AB123456, passport cd654321"),
        (r"(?<=\bSteuer-ID is )\d{11}", "the client's Steuer-ID is 39613372405, he moved"),
        (r"(?<=id:\s?)\d{3}", "ids: id: 123 and id:456 and 789"),
        (r"\Gab", "abab xab"),  # \G: only where the search starts, then after each match
        (r"(?<!\w)x\d", "x1 yx2 x3"),
        (r"(?i)(?<=passport\s)[A-Z]{2}\d{6}", "Passport AB123456, passport cd654321"),
    ],
)
def test_every_match_is_found_as_a_search_from_the_start_finds_it(pattern, text):
    # A draft's hits are those of `finditer` over the whole draft, whatever the detector does
    # to skip work (a first `search` that finds nothing): what a hit's start leaves out (\K,
    # a lookbehind) is still read.
    detector = PatternDetector([_rule(0, pattern)], 10_000)
    want = [(m.start(), m.end()) for m in regex.finditer(pattern, text, regex.V0)]
    assert want
    assert [(h.start, h.end) for h in detector.find(text)] == want
