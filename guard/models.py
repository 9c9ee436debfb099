"""The records that flow through the pipeline: Rule, Hit, Finding, Length, Report.

All are frozen, slotted and free of I/O so that a report can be cached, compared and
serialised without surprises.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from guard.record import field, record

SEVERITIES = ("info", "low", "medium", "high", "critical")
DEFAULT_SEVERITY = "medium"
VIAS = ("exact", "evasion", "fuzzy", "hashed", "pattern", "entity", "phrase", "event")
VERDICTS = ("allow", "warn", "block")


@record
class SourcePos:
    """Where a thing was written: file, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@record
class MatchOptions:
    """How a term rule compares text: `match:` in the rule file."""

    case: str = "insensitive"  # insensitive | sensitive
    fuzzy: int = 1  # edit distance for terms of 6+ letters; 0 turns it off
    evasion: bool = True  # fold disguises (look-alikes, leetspeak, separators...)


@record
class Window:
    """Words (and for `exclude`, patterns) searched within `window` tokens of a finding."""

    words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    window: int = 8


@record
class Near:
    """A finding counts only when a finding of one of these categories or rules is close."""

    categories: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    window: int = 12


@record
class Active:
    """The dates between which a rule fires (both inclusive, either open)."""

    start: dt.date | None = None
    until: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """True when the rule fires on `day`."""
        if self.start is not None and day < self.start:
            return False
        return not (self.until is not None and day > self.until)


@record
class Examples:
    """Drafts the rule must flag and drafts it must let pass (`guard rules test`)."""

    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@record
class HashedTerms:
    """Salted keyed hashes of normalised terms (`guard rules hash`); no term in clear."""

    algorithm: str
    salt: str
    digests: tuple[str, ...]
    # Word counts of the hashed terms, so the matcher knows which n-grams to hash.
    lengths: tuple[int, ...] = ()
    # One-typo matching: "i:digest" of each term key with its letter at i deleted.
    typos: tuple[str, ...] = ()
    # The rule's allow phrases that named a term, hashed the same way (with their word counts
    # and typo digests): a hashed pack allows what the plain pack allows.
    allow: tuple[str, ...] = ()
    allow_lengths: tuple[int, ...] = ()
    allow_typos: tuple[str, ...] = ()

    def allowed(self) -> HashedTerms | None:
        """The hashed allow phrases as hashed terms of their own, or None when there are none."""
        if not self.allow:
            return None
        return HashedTerms(self.algorithm, self.salt, self.allow, self.allow_lengths,
                           self.allow_typos)


@record
class Escalate:
    """A rule's severity while one of the named calendar periods is in force."""

    during: tuple[str, ...]
    severity: str


@record
class Period:
    """A named calendar period (a quiet period before results): dates inclusive, in a zone."""

    name: str
    start: dt.date
    end: dt.date
    timezone: str = "UTC"


@record
class EventKind:
    """One kind of corporate event (layoff, funding, breach...): its words and its advice."""

    name: str
    words: tuple[str, ...]
    suggestion: str = ""


# What a secrecy form's match says (`says:`): the rule files' schema, the loader and the events
# detector all read this one tuple, so a new kind is added here and nowhere else.
SECRECY_KINDS = ("nonpublic", "order", "inside", "labels", "aside", "customer", "withheld",
                 "listed")


@record
class SecrecyForm:
    """One form of `secrecy:` in a rule file: a pattern of secrecy said in grammar ("don't tell",
    « n'en parler à personne »), its `{@list}` references expanded, and the words a draft must
    have for it to be searched (one of each set of `gate`)."""

    name: str
    says: str  # one of SECRECY_KINDS
    pattern: str
    gate: tuple[tuple[str, ...], ...] = ()


@record
class EventCues:
    """`events:` in a rule file: cue lists (with `@list` references expanded) and the scorer."""

    kinds: tuple[EventKind, ...]
    nonpublic: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    public: tuple[str, ...] = ()
    ahead: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()  # someone else's news (an outlet, a rumour, "not involved")
    model: str = ""  # as written in the rule file
    model_file: str = ""  # resolved path; left out of the policy digest (machine-specific)
    model_digest: str = ""  # sha256 of the model file: a new model is a new policy
    threshold: float = 0.6
    public_threshold: float = 0.9  # when public wording and no secrecy cue: needs more
    secret_threshold: float = 0.2  # when a secrecy cue, an own-company cue and the kind: less
    bare_threshold: float = 0.0  # no secrecy cue, no figure, no date to come: at least this
    # the pack's `secrecy:` forms (round eleven: the grammar is data, part of the digest)
    secrecy: tuple[SecrecyForm, ...] = ()


VETO_CLASS = "leak"  # the class of a veto model whose probability the veto reads


@record
class Veto:
    """`veto:` in a rule file: a learned scorer that drops the rule's findings on a draft it
    reads as harmless (p(leak) below `below`), e.g. talk about labels rather than a label."""

    model: str  # as written in the rule file
    model_file: str = ""  # resolved path; left out of the policy digest (machine-specific)
    model_digest: str = ""  # sha256 of the model file: a new model is a new policy
    below: float = 0.1


@record
class Rule:
    """One validated rule of a pack. Exactly one detector field is set."""

    id: str
    detector: str
    category: str
    severity: str
    confidence: float
    message: str
    suggestion: str = ""
    terms: tuple[str, ...] = ()
    terms_file: str | None = None
    hashed: HashedTerms | None = None
    pattern: str | None = None
    pattern_flags: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    phrases: tuple[Any, ...] = ()
    events: EventCues | None = None
    match: MatchOptions = field(default_factory=MatchOptions)
    allow: tuple[str, ...] = ()
    context: Window | None = None
    exclude: Window | None = None
    veto: Veto | None = None
    near: Near | None = None
    validate: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # checks that make a match nobody's (`guard.detect.samples`)
    defer_to: tuple[str, ...] = ()  # rules whose finding on the draft drops this rule's
    active: Active | None = None
    examples: Examples = field(default_factory=Examples)
    tags: tuple[str, ...] = ()
    owner: str = ""
    redact: bool = False
    override: str | None = None  # never | reason; None: as the pack's `overrides` say
    escalate: Escalate | None = None
    replace_with: str = ""  # the approved public wording the one-click fix puts in (`guard fix`)
    remove: bool = False  # the fix deletes the match (secrets: no wording makes them public)
    source: SourcePos | None = None
    pack: str = ""

    def is_active(self, day: dt.date) -> bool:
        """True when the rule fires on `day`."""
        return self.active is None or self.active.covers(day)


@record
class Settings:
    """Pack-wide settings after `extends` (later packs win key by key)."""

    warn: int = 40
    block: int = 70
    platform: str = "x"
    languages: tuple[str, ...] = ("en",)
    models: tuple[tuple[str, str], ...] = ()  # (language, spaCy model name) overrides
    pattern_timeout_ms: int = 250
    # Compliance loop (empty: as before): verdict -> allowed|never, audit text, named periods.
    overrides: tuple[tuple[str, str], ...] = ()
    audit_text: str = "none"  # none | redacted
    calendar: tuple[Period, ...] = ()


@record
class Hit:
    """A raw match from a detector, before filters and scoring. Offsets are into the draft."""

    rule_id: str
    start: int
    end: int
    via: str
    normalized: str = ""
    confidence: float | None = None  # None: take the rule's confidence
    cues: tuple[str, ...] = ()  # what made a detector fire (events), shown in evidence
    suggestion: str = ""  # advice for this hit; empty: the rule's suggestion


@record
class ModelFreeHits:
    """The model-free detectors' hits of drafts checked ahead (`Guard.model_free_ahead`), by
    draft text, for the rules in force on `day`: what `check_many` would find itself."""

    day: dt.date
    hits: dict[str, tuple[Hit, ...]]


@record
class Evidence:
    """Why a finding was raised: how it matched and which words nearby supported it."""

    via: str
    normalized: str = ""
    context: tuple[str, ...] = ()
    near: tuple[str, ...] = ()


@record
class Source:
    """Where in an attachment a finding was read: its alt text, its metadata or its pixels."""

    attachment: int  # 0-based, in the order of the post
    kind: str  # alt | ocr | metadata
    box: tuple[int, int, int, int] | None = None  # x, y, width, height in pixels (OCR)
    field: str | None = None  # the metadata field (EXIF GPSInfo, XMP dc:creator, ...)


@record
class Finding:
    """A hit that survived the filters, with its rule's metadata and a final confidence."""

    rule: str
    category: str
    severity: str
    confidence: float
    start: int
    end: int
    text: str
    message: str
    suggestion: str
    evidence: Evidence
    # content: a rule matched the draft; length: the draft does not fit its platform (never
    # scored); input: part of a file could not be read as a draft.
    kind: str = "content"
    masked: bool = False  # text and normalized form are already masked (redaction, `redact:`)
    # In a thread: the post the finding starts in (offsets are into that post), and the post
    # where it ends when it runs over into the next one (`end` is then an offset into that post).
    post: int | None = None
    end_post: int | None = None
    source: Source | None = None  # set when the finding was read in an attachment


@record
class Length:
    """The draft's length as its platform counts it."""

    platform: str
    weighted: int
    limit: int
    fits: bool
    overflow_at: int | None  # code-point offset in the original draft where it stops fitting


@record
class Policy:
    """Which pack produced a report: its name and the digest of its effective rules."""

    name: str
    digest: str


@record
class AttachmentInfo:
    """What was checked of one attached image, so a text-only check never passes for a full one."""

    index: int
    name: str
    format: str
    width: int
    height: int
    alt: bool  # an alt text was given and checked
    ocr: str  # ran | skipped | unavailable
    metadata: tuple[str, ...] = ()  # the metadata fields found in the file


@record
class Report:
    """The answer to one draft."""

    verdict: str
    score: int
    warn: int
    block: int
    language: str
    length: Length
    findings: tuple[Finding, ...]
    policy: Policy
    nlp: str = "ran"  # ran | skipped | not-needed
    version: str = ""
    period: str | None = None  # the calendar period in force, when one is
    posts: tuple[Length, ...] = ()  # a thread: each post's own length (empty for one draft)
    attachments: tuple[AttachmentInfo, ...] = ()


