"""The pipeline: draft -> detect -> filter -> score -> Report. No I/O, no printing.

`Guard` holds everything built once per pack (term automaton, compiled patterns, NLP
detector); `check` and `check_many` only run drafts through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from guard import __version__
from guard.detect import registry
from guard.errors import CheckError, DraftError, GuardError, ModelMissingError, RulePackError
from guard.findings import FindingFilter, escalated, phrase_matcher
from guard.length.finding import limit_finding
from guard.models import Finding, Hit, Length, ModelFreeHits, Policy, Report, Rule
from guard.packs.loop import periods_in_force
from guard.packs.pack import Pack, discover, validate_nlp_rules
from guard.record import record, replace
from guard.score import risk_score, verdict

MAX_DRAFT_CHARS = 100_000
# Drafts that walk the lazily built paths once (`Guard.preload`): links with and without a
# scheme, a mention, an emoji, figures, an e-mail, a card-like number, French, too long a post.
_WARM_UP = (
    "preload",
    "We said our Q3 numbers at https://example.com/a?b=1 and example.org are up 12% 🎉 "
    "@someone #tag $1,200 on 3 March 2026; call +1 415 555 0100 or mail a.b@example.com",
    "Nous annonçons les résultats le 12 mars : 4111 1111 1111 1111, c'est confidentiel.",
    "long post " * 40,
)


@record
class _Prepared:
    """A draft after the model-free detectors, waiting for NLP hits (if any)."""

    text: str
    hits: tuple[Hit, ...]
    platform: str
    lang: str


class Guard:
    """A loaded rule pack, ready to check drafts."""

    def __init__(
        self,
        pack: Pack,
        *,
        today: dt.date | None = None,
        nlp: bool = True,
        max_chars: int = MAX_DRAFT_CHARS,
    ) -> None:
        self.pack = pack
        self.today = today
        self.max_chars = max_chars
        self._nlp_wanted = nlp
        self._rules = {r.id: r for r in pack.rules}
        self._allow_pack = (
            phrase_matcher(pack.allow, pack.hashed_allow)
            if pack.allow or pack.hashed_allow
            else None
        )
        self._policy = Policy(pack.name, pack.digest)
        validate_nlp_rules(pack)  # every entity and phrase rule, whatever its dates
        self._build(self._day())

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _build(self, day: dt.date) -> None:
        # Detectors cover only the rules active on `day`: an expired rule costs nothing, cannot
        # time out a draft and loads no model. A long-running process rebuilds when the day turns.
        self._built_for = day
        active = [r for r in self.pack.rules if r.is_active(day)]
        self._detectors = registry.text_detectors(
            [r for r in active if not registry.is_nlp(r)], self.pack.settings, active
        )
        self._late = [d for d in self._detectors if hasattr(d, "find_late")]
        self._filter = FindingFilter(self._rules, active, self._allow_pack,
                                     self.pack.settings.pattern_timeout_ms)
        nlp_rules = [r for r in active if registry.is_nlp(r)]
        self._has_nlp_rules = bool(nlp_rules)
        self.nlp_enabled = self._nlp_wanted and bool(nlp_rules)
        # Without NLP (--no-nlp) the spaCy modules are never imported: a cold check stays cheap.
        self._nlp = _nlp_detector(nlp_rules, self.pack) if self.nlp_enabled else None

    @classmethod
    def from_files(cls, paths: Sequence[str], **kwargs: object) -> Guard:
        """A guard over these rule files (paths or bundled pack names), stacked in order."""
        from guard.packs.loader import load_pack  # the YAML parser loads only when needed

        return cls(load_pack(list(paths)), **kwargs)  # type: ignore[arg-type]

    @classmethod
    def default(cls, **kwargs: object) -> Guard:
        """A guard over the bundled `default` pack."""
        return cls.from_files(["default"], **kwargs)

    @classmethod
    def discover(cls, explicit: Sequence[str] = (), **kwargs: object) -> Guard:
        """A guard over the rules found in order: --rules, $GUARD_RULES, .guard.yaml, default."""
        return cls.from_files(discover(explicit), **kwargs)

    def check(self, text: str, platform: str | None = None, lang: str | None = None) -> Report:
        """Check one draft."""
        return self.check_many([text], platform=platform, lang=lang)[0]

    def check_many(
        self, drafts: Iterable[str], platform: str | None = None, lang: str | None = None,
        ahead: ModelFreeHits | None = None,
    ) -> list[Report]:
        """Check many drafts; NLP runs batched over the drafts that need it. `ahead`: model-free
        hits found already (`model_free_ahead`), used for the drafts it holds."""
        if self._day() != self._built_for:
            self._build(self._day())
        texts = list(drafts)
        for text in texts:
            self.validate_draft(text)
        found = self._model_free_many(texts, ahead)
        prepared = [self._prepare(text, platform, lang, hits)
                    for text, hits in zip(texts, found, strict=True)]
        nlp_hits = self._nlp_hits(prepared)
        status = self._nlp_status()
        periods = self.periods()
        return [self._finish(p, extra, status, periods)
                for p, extra in zip(prepared, nlp_hits, strict=True)]

    def periods(self) -> tuple[str, ...]:
        """The pack's calendar periods in force: on `today` if fixed, else now in their zones."""
        calendar = self.pack.settings.calendar
        return periods_in_force(calendar, self.today) if calendar else ()

    def check_post(
        self,
        text: str,
        attachments: Sequence[object] = (),
        platform: str | None = None,
        lang: str | None = None,
        ocr: bool | str = True,
    ) -> Report:
        """Check a post with its images: alt text, metadata and the text in the pixels.

        `attachments` are `guard.attachments.image.Attachment`s (or already `Inspected` ones);
        `ocr` is True (a missing engine raises CheckError), False or "auto" (see `inspect`).
        """
        from guard.attachments.inspect import Inspected, attachment_findings, inspect

        items = [a if isinstance(a, Inspected) else inspect(a, i, ocr)  # type: ignore[arg-type]
                 for i, a in enumerate(attachments)]
        sources = [(src, draft) for item in items for src, draft in item.drafts()]
        reports = self.check_many([text, *(d[:self.max_chars] for _, d in sources)],
                                  platform=platform, lang=lang)
        main = reports[0]
        findings = [*main.findings, *attachment_findings(items, sources, reports[1:])]
        return self._report(findings, main.length, main.language, main.length.fits,
                            nlp=main.nlp, period=main.period,
                            attachments=tuple(i.info() for i in items))

    def _nlp_hits(self, prepared: Sequence[_Prepared]) -> list[list[Hit]]:
        if self._nlp is None or not self.nlp_enabled or not prepared:
            return [[] for _ in prepared]
        return self._nlp.find_many(
            [p.text for p in prepared], [p.lang for p in prepared], [list(p.hits) for p in prepared]
        )

    def _nlp_status(self) -> str:
        return "ran" if self.nlp_enabled else ("skipped" if self._has_nlp_rules else "not-needed")

    def check_thread(
        self, posts: Sequence[str], platform: str | None = None, lang: str | None = None
    ) -> Report:
        """Check a thread: each post's length on its own, the content rules over the whole."""
        from guard.length.measure import measure
        from guard.thread import Thread

        if isinstance(posts, str) or not posts:
            raise DraftError("a thread is a list of one or more posts")
        for i, post in enumerate(posts):
            try:
                self.validate_draft(post)
            except DraftError as exc:
                raise DraftError(f"post {i + 1}: {exc.describe()}") from None
        if self._day() != self._built_for:
            self._build(self._day())
        thread = Thread.of(tuple(posts))
        prepared = self._prepare(thread.text, platform, lang)
        raw = self._with_late(thread.text, (*prepared.hits, *self._nlp_hits([prepared])[0]))
        hits = [h for h in raw if not thread.crosses(h)]
        kept = self._filter.findings(thread.text, hits) if hits else []
        findings = [thread.place(f) for f in kept]
        periods = self.periods()
        if periods:
            findings = [escalated(f, self._rules.get(f.rule), periods) for f in findings]
        lengths = tuple(measure(post, prepared.platform) for post in posts)
        for i, (post, length) in enumerate(zip(posts, lengths, strict=True)):
            if not length.fits:
                findings.append(replace(limit_finding(post, length), post=i))
        findings.sort(key=lambda f: (f.post or 0, f.start, f.end, f.rule))
        over = [n for n in lengths if not n.fits]
        shown = over[0] if over else max(lengths, key=lambda n: n.weighted)
        return self._report(findings, shown, prepared.lang, not over, posts=lengths,
                            period=", ".join(periods) or None)

    def check_each(
        self, drafts: Sequence[str], platform: str | None = None, lang: str | None = None,
        ahead: ModelFreeHits | None = None,
    ) -> list[Report | GuardError]:
        """Check a batch; a draft that cannot be checked gets its error in its place.

        A missing model still raises (no draft could be checked). When one draft breaks the
        batch (a pattern past its time limit), the others are checked one by one.
        """
        out: list[Report | GuardError | None] = [None] * len(drafts)
        runnable: list[int] = []
        for i, text in enumerate(drafts):
            try:
                self.validate_draft(text)
            except DraftError as exc:
                out[i] = exc
                continue
            runnable.append(i)
        texts = [drafts[i] for i in runnable]
        results: list[Report | GuardError]
        try:
            results = list(self.check_many(texts, platform=platform, lang=lang, ahead=ahead))
        except ModelMissingError:
            raise
        except CheckError:
            results = []
            for text in texts:
                try:
                    results.append(self.check(text, platform=platform, lang=lang))
                except CheckError as exc:
                    results.append(exc)
        for i, result in zip(runnable, results, strict=True):
            out[i] = result
        return [r for r in out if r is not None]

    def model_free_hits(self, text: str) -> list[Hit]:
        """The hits of today's model-free detectors (terms, patterns, ...), before any filter."""
        return [hit for detector in self._detectors for hit in detector.find(text)]

    def model_free_ahead(self, texts: Sequence[str]) -> ModelFreeHits:
        """The model-free hits of `texts` (no model needed), for `check_many(ahead=...)` in
        another process; a draft that cannot be checked (invalid, a pattern past its time
        limit) is left out, and `check_many` finds its error itself."""
        if self._day() != self._built_for:
            self._build(self._day())
        valid = []
        for text in texts:
            try:
                self.validate_draft(text)
            except DraftError:
                continue
            valid.append(text)
        try:
            return ModelFreeHits(self._built_for, {
                text: tuple(hits)
                for text, hits in zip(valid, self._model_free_many(valid), strict=True)
            })
        except CheckError:
            pass
        out: dict[str, tuple[Hit, ...]] = {}
        for text in valid:
            with contextlib.suppress(CheckError):
                out[text] = tuple(self.model_free_hits(text))
        return ModelFreeHits(self._built_for, out)

    def loads_models(self) -> bool:
        """True when checking runs spaCy pipelines (NLP rules, NLP on)."""
        return self._nlp is not None and self.nlp_enabled

    def preload_model_free(self) -> None:
        """Build now what the model-free detectors build on first use (compiled patterns)."""
        for detector in self._detectors:
            getattr(detector, "preload", lambda: None)()

    def preload(self) -> None:
        """Load now what checking loads on first use (the spaCy pipelines of the pack's
        languages, the compiled patterns, the length tables), so that worker processes forked
        afterwards share it instead of loading it each."""
        self.preload_model_free()
        if self._nlp is not None and self.nlp_enabled:
            self._nlp.preload()
        # What checking builds on first use besides (the length counter's URL regexes, the
        # validators, the events model's tables): built here once, not once in each worker.
        # A draft the pack's patterns cannot check in time is only a skipped warm-up here.
        self.check_each(_WARM_UP)

    def active_rules(self) -> list[Rule]:
        """The rules that fire today."""
        day = self._day()
        return [r for r in self.pack.rules if r.is_active(day)]

    def validate_draft(self, text: object) -> None:
        """Raise DraftError for a draft the guard refuses to check (not text, empty, too long)."""
        if not isinstance(text, str):
            raise DraftError(f"a draft must be text, got {type(text).__name__}")
        if not text.strip():
            raise DraftError("the draft is empty: there is nothing to check")
        if len(text) > self.max_chars:
            raise DraftError(
                f"the draft is {len(text):,} characters; the guard checks at most "
                f"{self.max_chars:,} (no platform accepts a post this long)"
            )

    def _model_free_many(
        self, texts: Sequence[str], ahead: ModelFreeHits | None = None
    ) -> list[list[Hit]]:
        # Detector by detector over the batch, not draft by draft: each detector's tables stay
        # in the CPU caches. The same hits in the same order as `model_free_hits`, per draft.
        if ahead is not None and ahead.day == self._built_for and ahead.hits:
            known = ahead.hits
            rest = iter(self._model_free_many([t for t in texts if t not in known]))
            return [list(known[t]) if t in known else next(rest) for t in texts]
        found: list[list[Hit]] = [[] for _ in texts]
        for detector in self._detectors:
            for hits, text in zip(found, texts, strict=True):
                hits.extend(detector.find(text))
        return found

    def _prepare(self, text: str, platform: str | None, lang: str | None,
                 hits: Sequence[Hit] | None = None) -> _Prepared:
        if hits is None:
            self.validate_draft(text)
            hits = self.model_free_hits(text)
        platform = platform or self.pack.settings.platform
        if lang is None:
            if self._has_nlp_rules:
                from guard.detect.language import detect  # model-free, a few regexes

                lang = detect(text, self.pack.settings.languages)
            else:
                lang = self.pack.settings.languages[0]
        return _Prepared(text, tuple(hits), platform, lang)

    def _with_late(self, text: str, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        # Pattern rules that waited for a `near` partner run now that every other rule's hits,
        # the NLP ones included, are known (guard.detect.patterns).
        for detector in self._late:
            hits = (*hits, *detector.find_late(text, hits))
        return hits

    def _finish(self, draft: _Prepared, nlp_hits: Sequence[Hit], nlp_status: str,
                periods: tuple[str, ...] = ()) -> Report:
        from guard.length.measure import (
            measure,  # imported here: the length tables load on first use
        )

        text = draft.text
        hits = (*draft.hits, *nlp_hits)
        hits = self._with_late(text, hits)
        findings = self._filter.findings(text, hits) if hits else []
        if periods:
            findings = [escalated(f, self._rules.get(f.rule), periods) for f in findings]
        length = measure(text, draft.platform)
        if not length.fits:
            findings.append(limit_finding(text, length))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return self._report(findings, length, draft.lang, length.fits, nlp=nlp_status,
                            period=", ".join(periods) or None)

    def _report(
        self, findings: Sequence[Finding], length: Length, lang: str, fits: bool, **extra: Any
    ) -> Report:
        score = risk_score(findings)
        settings = self.pack.settings
        extra.setdefault("nlp", self._nlp_status())
        return Report(
            verdict=verdict(score, settings.warn, settings.block, fits),
            score=score,
            warn=settings.warn,
            block=settings.block,
            language=lang,
            length=length,
            findings=tuple(findings),
            policy=self._policy,
            version=__version__,
            **extra,
        )


def _nlp_detector(rules: list[Rule], pack: Pack):  # type: ignore[no-untyped-def]
    try:
        from guard.detect.nlp.detector import NlpDetector
    except ImportError:
        raise RulePackError.at(
            rules[0],
            f"the '{rules[0].detector}' detector is not available in this version",
            "remove the rule or upgrade tweet-guard",
        ) from None
    return NlpDetector(rules, pack.settings, pack_rules=pack.rules)
