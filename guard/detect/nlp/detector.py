"""`NlpDetector`: the spaCy-backed `entity` and `phrases` rules, run only where they could fire.

Speed comes from not running the model: spaCy is imported on first need (never at
`import guard`), each pipeline loads once per process with only the components the rules
read, and each draft runs only the components its possible rules need. A rule is skipped
on a draft when a precondition derived from the rule itself fails: its `near` partners
found nothing (model-free partners are known before the model runs; a rule whose partners
are NLP rules waits for a second stage), a numeric-only entity rule sees no number, a
phrase rule's mandatory words are absent. `gating = False` turns all of this off; the
tests hold that verdicts are the same either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from guard.detect.language import SUPPORTED, detect
from guard.detect.latin import latin
from guard.detect.literals import searcher
from guard.detect.nlp import entities, phrases
from guard.detect.nlp.runtime import (
    COMPONENTS,
    load_pipeline,
    loaded,
    model_name,
    require_model,
    running,
)
from guard.errors import UsageError
from guard.models import Hit, Rule, Settings


@dataclass(frozen=True, slots=True)
class _Gate:
    """What a draft must show before a rule can fire there (derived from the rule's fields)."""

    partner_rules: frozenset[str] = frozenset()
    partner_categories: frozenset[str] = frozenset()
    # none: no `near` gate; prior: every partner is a model-free rule, so the draft's prior hits
    # decide; staged: some partners are NLP rules, so the rule waits until they have run.
    near: str = "none"
    needs_number: bool = False
    anchors: tuple[Any, ...] | None = None  # per pattern: mandatory word groups, or None
    anchor_index: phrases.AnchorIndex | None = None  # the same groups, indexed by word

    def partners_in(self, hits: Sequence[Hit], categories: dict[str, str]) -> bool:
        """True when one of `hits` comes from a `near` partner."""
        return any(
            h.rule_id in self.partner_rules or categories.get(h.rule_id) in self.partner_categories
            for h in hits
        )


class NlpDetector:
    """The `entity` and `phrases` rules of a pack, with language choice and lazy spaCy."""

    def __init__(
        self, rules: Sequence[Rule], settings: Settings, pack_rules: Sequence[Rule] | None = None
    ) -> None:
        self.rules = [r for r in rules if r.detector in ("entity", "phrases")]
        self.settings = settings
        # Switch for tests and benchmarks: False runs every rule on every draft.
        self.gating = True
        # Drafts analysed, by what ran: "tokenizer" only, or "model" (and of those, "ner").
        self.stats: Counter[str] = Counter()
        self._patterns: dict[str, list[list[dict[str, Any]]]] = {}
        self._needs: dict[str, frozenset[str]] = {}
        for rule in self.rules:
            if rule.detector == "entity":
                entities.check_labels(rule)
                self._needs[rule.id] = frozenset({"ner"})
            else:
                self._patterns[rule.id] = phrases.validate(rule)
                self._needs[rule.id] = frozenset(phrases.needs(self._patterns[rule.id]))
        # Rule categories, to read `near` partners from hits; without the whole pack only the
        # NLP rules' categories are known, and category partners cannot gate.
        self._whole_pack = pack_rules is not None
        self._categories = {r.id: r.category for r in (pack_rules or self.rules)}
        self._gates = self._derive_gates()
        self._labels = {
            r.id: entities.wanted_labels(r.entity) for r in self.rules if r.detector == "entity"
        }
        # One Matcher per phrase rule and pipeline: a draft runs only its open rules' patterns.
        self._matchers: dict[tuple[int, str], Any] = {}
        self._running: dict[tuple[int, frozenset[str]], frozenset[str]] = {}  # see runtime.running
        # Every anchor word of every phrase rule, found in one pass per draft.
        words = {
            w
            for gate in self._gates.values()
            for groups in gate.anchors or ()
            for group in groups or ()
            for w in group
        }
        self._anchor_words = searcher(sorted(words)) if words else None
        # The same groups of every anchored rule in one index: one union of postings per draft
        # decides all of them (tests/detect/nlp_plan_test.py holds it against each rule's index).
        self._anchored = phrases.RuleAnchors({
            rule_id: gate.anchors for rule_id, gate in self._gates.items()
            if gate.anchor_index is not None and gate.anchors is not None
        })
        self._plain = [(rule, self._gates[rule.id]) for rule in self.rules]

    def _derive_gates(self) -> dict[str, _Gate]:
        def nlp_partners(rule: Rule) -> list[Rule]:
            near = rule.near
            assert near is not None
            return [
                p
                for p in self.rules
                if p.id != rule.id and (p.id in near.rules or p.category in near.categories)
            ]

        gates = {}
        for rule in self.rules:
            near, mode = rule.near, "none"
            if near is not None and (self._whole_pack or not near.categories):
                partners = nlp_partners(rule)
                # A partner's raw hits count even when its own `near` fails, so a staged rule
                # needs partners that are never near-gated themselves.
                if not partners:
                    mode = "prior"
                elif all(p.near is None for p in partners):
                    mode = "staged"
            anchor_sets = None
            if rule.detector == "phrases":
                found = [phrases.anchors(p) for p in self._patterns[rule.id]]
                anchor_sets = None if any(a is None for a in found) else tuple(found)
            gates[rule.id] = _Gate(
                partner_rules=frozenset(near.rules if near else ()),
                partner_categories=frozenset(near.categories if near else ()),
                near=mode,
                needs_number=rule.detector == "entity" and entities.needs_number(rule.entity),
                anchors=anchor_sets,
                anchor_index=None if anchor_sets is None else phrases.AnchorIndex(anchor_sets),
            )
        return gates

    def language(self, text: str) -> str:
        """The draft's language among the pack's `settings.languages` (no model involved)."""
        return detect(text, self.settings.languages)

    def preload(self) -> None:
        """Load the pipeline of every configured language, and its phrase matcher, now."""
        for lang in self.settings.languages:
            if lang in SUPPORTED:
                require_model(model_name(lang, self.settings), lang)
                nlp = self._pipeline(lang)
                for rule_id in self._patterns:
                    self._matcher(nlp, rule_id)

    def plan(self, text: str, prior: Sequence[Hit]) -> tuple[list[Rule], list[Rule]]:
        """The rules that could fire on this draft: to run now, and to run once NLP partners hit."""
        if not self.gating:
            return list(self.rules), []
        # Each rule's gate (near, number, anchors); the draft's anchor words, their rules and
        # whether it shows a number are each found once, and only when some rule gets that far.
        opened: set[str] | None = None
        number: bool | None = None
        now, later = [], []
        for rule, gate in self._plain:
            if gate.near == "prior" and not gate.partners_in(prior, self._categories):
                continue
            if gate.needs_number:
                if number is None:
                    number = entities.has_number(text)
                if not number:
                    continue
            if gate.anchor_index is not None:
                if opened is None:
                    search = self._anchor_words
                    words = search(text.casefold()) if search is not None else set()
                    opened = self._anchored.open(words)
                if rule.id not in opened:
                    continue
            (later if gate.near == "staged" else now).append(rule)
        return now, later

    def rules_for(self, text: str, prior: Sequence[Hit]) -> list[Rule]:
        """Every rule that could fire on this draft before any model ran (all with gating off)."""
        now, later = self.plan(text, prior)
        return now + later

    def find_many(
        self, texts: Sequence[str], langs: Sequence[str], prior_hits: Sequence[Sequence[Hit]]
    ) -> list[list[Hit]]:
        """NLP hits per draft; the model runs batched, only on drafts where a rule could fire.
        The models read each draft's Latin reading (`guard.detect.latin`: a name in styled
        letters is a name), at the draft's own offsets."""
        texts = [latin(t) for t in texts]
        for lang in dict.fromkeys([*self.settings.languages, *langs]):
            if lang not in SUPPORTED:
                raise UsageError(
                    f"language '{lang}' has no pipeline; use one of {', '.join(SUPPORTED)}"
                )
            require_model(model_name(lang, self.settings), lang)
        out: list[list[Hit]] = [[] for _ in texts]
        plans = [self.plan(t, p) for t, p in zip(texts, prior_hits, strict=True)]
        first = [(i, now) for i, (now, _) in enumerate(plans) if now]
        docs = self._analyse(first, texts, langs, out)
        # Stage two: rules whose `near` partners are NLP rules, where a partner hit.
        rerun: list[tuple[int, list[Rule]]] = []
        for i, (_, later) in enumerate(plans):
            seen = [*prior_hits[i], *out[i]]
            ready = [r for r in later if self._gates[r.id].partners_in(seen, self._categories)]
            if not ready:
                continue
            done = docs.get(i)
            if done is not None and self._kinds(ready) <= done[1]:
                out[i].extend(self._hits(done[2], done[0], langs[i], ready))
            else:
                rerun.append((i, ready))
        self._analyse(rerun, texts, langs, out)
        return out

    def _kinds(self, rules: Sequence[Rule]) -> frozenset[str]:
        return frozenset().union(*(self._needs[r.id] for r in rules))

    def _analyse(
        self,
        items: list[tuple[int, list[Rule]]],
        texts: Sequence[str],
        langs: Sequence[str],
        out: list[list[Hit]],
    ) -> dict[int, tuple[Any, ...]]:
        """Run each (draft, rules) through the components its rules need, one nlp.pipe per
        (language, components) group; add the hits to `out`; return each draft's doc."""
        groups: dict[tuple[str, frozenset[str]], list[tuple[int, list[Rule]]]] = {}
        for i, rules in items:
            groups.setdefault((langs[i], self._kinds(rules)), []).append((i, rules))
        docs: dict[int, tuple[Any, ...]] = {}
        for (lang, kinds), members in groups.items():
            nlp = self._pipeline(lang) if kinds else self._tokenizer(lang)
            self.stats["model" if kinds else "tokenizer"] += len(members)
            if "ner" in kinds:
                self.stats["ner"] += len(members)
            analysed = self._run(nlp, kinds, [texts[i] for i, _ in members])
            for (i, rules), doc in zip(members, analysed, strict=True):
                out[i].extend(self._hits(nlp, doc, lang, rules))
                docs[i] = (doc, kinds, nlp)
        return docs

    def _keep(self) -> frozenset[str]:
        kinds = frozenset().union(*self._needs.values())
        return frozenset().union(*(COMPONENTS[k] for k in kinds)) if kinds else frozenset()

    def _pipeline(self, lang: str) -> Any:
        return load_pipeline(model_name(lang, self.settings), self._keep(), lang)

    def _tokenizer(self, lang: str) -> Any:
        # Drafts that need only tokens: the pack's full pipeline when it is loaded already (its
        # tokenizer is the same), else the model with every component excluded (the French
        # one costs ~1 s CPU and tens of MB less than the full pipeline).
        name = model_name(lang, self.settings)
        full = self._keep()
        if not full or loaded(name, full):
            return self._pipeline(lang)
        return load_pipeline(name, frozenset(), lang)

    def _run(self, nlp: Any, kinds: frozenset[str], texts: list[str]) -> list[Any]:
        if not kinds:
            return [nlp.make_doc(t) for t in texts]  # token patterns on text: tokenizer only
        key = (id(nlp), kinds)
        run = self._running.get(key)
        if run is None:
            run = self._running[key] = frozenset(
                running(nlp, frozenset().union(*(COMPONENTS[k] for k in kinds)))
            )
        # `disable=` per call, not select_pipes: the shared pipeline is never mutated, so
        # threads (guard serve) with different needs do not switch components under each other.
        return list(nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in run]))

    def _hits(self, nlp: Any, doc: Any, lang: str, rules: list[Rule]) -> list[Hit]:
        hits: list[Hit] = []
        entity_rules = [r for r in rules if r.detector == "entity"]
        if entity_rules:
            model = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            # Amounts always: which entities a doc has must not depend on which rules asked.
            found = entities.amounts(doc.text)
            for start, end, label in entities.merge(doc.text, model, found, lang):
                hits.extend(
                    Hit(r.id, start, end, "entity", label)
                    for r in entity_rules
                    if label in self._labels[r.id]
                )
        forms: set[str] | None = None
        for rule in rules:
            if rule.detector != "phrases":
                continue
            index = self._gates[rule.id].anchor_index
            if index is not None and self.gating:
                # The plan found the rule's words as substrings; the Matcher needs them as whole
                # tokens (a LOWER, ORTH or TEXT token of each group): most drafts have not.
                if forms is None:
                    forms = _token_forms(doc)
                if not index.could_match(forms):
                    continue
            for _, start, end in self._matcher(nlp, rule.id)(doc):
                span = doc[start:end]
                hits.append(
                    Hit(rule.id, span.start_char, span.end_char, "phrase", span.text.casefold())
                )
        return hits

    def _matcher(self, nlp: Any, rule_id: str) -> Any:
        matcher = self._matchers.get((id(nlp), rule_id))
        if matcher is None:
            from spacy.matcher import Matcher

            matcher = Matcher(nlp.vocab)
            matcher.add(rule_id, self._patterns[rule_id], greedy="LONGEST")
            self._matchers[(id(nlp), rule_id)] = matcher
        return matcher


def _token_forms(doc: Any) -> set[str]:
    """Each token's text and lower form, casefolded as the anchor words are: a token that a
    LOWER, ORTH or TEXT pattern token matches has one of them in the pattern's group."""
    forms = {t.text for t in doc}
    forms |= {t.lower_ for t in doc}
    return {f.casefold() for f in forms}
