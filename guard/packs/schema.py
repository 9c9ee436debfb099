"""The rule-file format as data: one description drives validation and the JSON Schema.

`guard rules schema` prints `json_schema()`, and the loader validates with `PACK.check`, so an
editor's completion and the loader can never disagree about which keys exist.
"""

from __future__ import annotations

from typing import Any

from guard.detect import registry
from guard.detect.language import SUPPORTED
from guard.detect.samples import CHECKS as UNLESS_CHECKS
from guard.detect.validators import VALIDATORS as VALIDATOR_FUNCTIONS
from guard.length.platforms import LIMITS
from guard.models import (
    DEFAULT_SEVERITY,
    SEVERITIES,
    EventCues,
    MatchOptions,
    Near,
    Settings,
    Window,
)
from guard.packs.grammar import SAYS
from guard.packs.nodes import Anything, Bool, Date, List, MapOf, Num, Obj, OneOrMany, Str

HEX_DIGEST = Str(pattern="[0-9a-f]{16,128}", pattern_hint="hex digests")
TYPO_DIGESTS = List(Str(pattern="[0-9]{1,3}:[0-9a-f]{16,128}", pattern_hint="position:hex digest"))

# Defaults and choices come from the models and the stages that use them, so the loader, the
# engine and the JSON Schema cannot disagree.
_SETTINGS, _MATCH, _WINDOW, _NEAR = Settings(), MatchOptions(), Window(), Near()
SEVERITY = Str(enum=SEVERITIES, doc="How bad a leak this is", default=DEFAULT_SEVERITY)
PLATFORM = Str(enum=tuple(LIMITS), doc="Length profile", default=_SETTINGS.platform)
LANGUAGE = Str(enum=SUPPORTED, doc="A language with a spaCy pipeline")
WARN = Num(0, 100, integer=True, default=_SETTINGS.warn)
BLOCK = Num(0, 100, integer=True, default=_SETTINGS.block)
PATTERN_TIMEOUT_MS = Num(1, 60000, integer=True, default=_SETTINGS.pattern_timeout_ms)
CASE = Str(enum=("insensitive", "sensitive"), default=_MATCH.case)
FUZZY = Num(0, 2, integer=True, doc="Edit distance for terms of 6+ letters; 0 is off",
            default=_MATCH.fuzzy)
EVASION = Bool(doc="Find terms through disguises (look-alikes, leetspeak, ...)",
               default=_MATCH.evasion)
WINDOW = Num(1, 100, integer=True, doc="In tokens", default=_WINDOW.window)
NEAR_WINDOW = Num(1, 100, integer=True, doc="In tokens", default=_NEAR.window)
WORDS = List(Str(min_len=1), min_items=1, doc="Words or phrases (a trailing * takes any "
             "ending); `@name` stands for the pack's list of that name")
ID_PATTERN = r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+"
VALIDATORS = tuple(VALIDATOR_FUNCTIONS)
LIST_NAME = r"[a-z0-9][a-z0-9._-]*"
_EVENTS = EventCues(kinds=())
CUE_WORDS = List(
    Str(min_len=1),
    min_items=1,
    doc="Cue words or phrases (a trailing * takes any ending); '@name' brings in a list of "
    "the pack's `lists`",
)
EVENT_KIND = Obj(
    title="event kind",
    required=("words",),
    fields={"words": CUE_WORDS, "suggestion": Str(doc="Advice shown with this kind of event")},
)
EVENTS = Obj(
    title="events",
    required=("kinds", "model"),
    doc="Undisclosed corporate events: cue lists per event kind and context, and a learned "
    "scorer that decides",
    fields={
        "kinds": MapOf(
            EVENT_KIND,
            key_pattern=LIST_NAME,
            doc="Event kinds of this rule's category, each with its words and its advice",
        ),
        "nonpublic": CUE_WORDS,
        "own": CUE_WORDS,
        "public": CUE_WORDS,
        "ahead": CUE_WORDS,
        "elsewhere": CUE_WORDS,
        "model": Str(min_len=1, doc="The scorer's weights, a JSON file next to the rule file"),
        "threshold": Num(0, 1, doc="Probability of the rule's category at which it fires",
                         default=_EVENTS.threshold),
        "public_threshold": Num(
            0, 1, doc="The probability needed when a `public` cue and no `nonpublic` cue fired",
            default=_EVENTS.public_threshold,
        ),
        "secret_threshold": Num(
            0, 1, doc="The probability needed when a `nonpublic` cue, an `own` cue and one of "
            "the rule's kinds fired", default=_EVENTS.secret_threshold,
        ),
        "bare_threshold": Num(
            0, 1, doc="The least probability needed when no `nonpublic` cue, no figure and no "
            "`ahead` date fired (a plain statement)", default=_EVENTS.bare_threshold,
        ),
    },
)

SECRECY_FORM = Obj(
    title="secrecy form",
    required=("says", "pattern"),
    fields={
        "says": Str(enum=SAYS, doc="What a match tells: nonpublic (a secrecy cue), order (an "
                    "order given at work, read beside a secrecy cue), inside (someone speaking "
                    "from inside a company), labels (secrecy labels named, not used), aside (a "
                    "story, advice, a disclosure made, a customer: someone else's news), customer "
                    "(a customer's own account, device or service: a brand's, not an "
                    "employer's), withheld (a secrecy cue the decision reads but the scorer "
                    "does not weigh), listed (a listed company named as newswires name it: "
                    "someone else's news unless a secrecy cue says otherwise)"),
        "when": List(
            Str(pattern=r"@?\w+|@" + LIST_NAME, pattern_hint="a word, or '@name' for a list"),
            min_items=1,
            doc="The form is searched only in a draft that has one word of each entry: a word, "
            "or '@name' (the first word of each item of that list)",
        ),
        "pattern": Str(min_len=1, doc="A regular expression (Python `re`, case-insensitive) "
                       "in which {@name} stands for the items of the list as alternatives"),
    },
)

RULE = Obj(
    title="rule",
    doc="One rule: exactly one detector key (terms, terms_file, hashed, pattern, entity, phrases, "
    "events)",
    required=("id",),
    fields={
        "id": Str(
            pattern=ID_PATTERN,
            pattern_hint="use dotted lowercase words such as codename.falcon",
            doc="Unique dotted id; select and ignore work by prefix",
        ),
        "category": Str(min_len=1, doc="Family of leak: codename, client, pii, secret, ..."),
        "severity": SEVERITY,
        "confidence": Num(0, 1, doc="0..1; 1 for terms by default, lower for entities"),
        "message": Str(min_len=1, doc="What the finding means, shown to the author"),
        "suggestion": Str(doc="A safer wording"),
        "terms": List(Str(min_len=1), min_items=1, doc="Literal words or phrases"),
        "terms_file": Str(min_len=1, doc="A text file next to the rule file, one term per line"),
        "hashed": Obj(
            title="hashed terms",
            doc="Written by `guard rules hash`: keyed hashes of normalised terms",
            required=("algorithm", "salt", "digests"),
            fields={
                "algorithm": Str(enum=("hmac-sha256",)),
                "salt": Str(min_len=1),
                "digests": List(
                    Str(pattern="[0-9a-f]{16,128}", pattern_hint="hex digests"), min_items=1
                ),
                "lengths": List(Num(1, 64, integer=True)),
                "typos": TYPO_DIGESTS,
                "allow": List(HEX_DIGEST),
                "allow_lengths": List(Num(1, 64, integer=True)),
                "allow_typos": TYPO_DIGESTS,
            },
        ),
        "pattern": Str(min_len=1, doc="A regular expression in the `regex` module's syntax"),
        "entity": OneOrMany(Str(min_len=1), doc="spaCy entity labels: ORG, PERSON, MONEY, ..."),
        "phrases": List(
            List(Anything(json={"type": "object"}), min_items=1),
            min_items=1,
            doc="spaCy Matcher token patterns: a list of patterns, each a list of token specs",
        ),
        "events": EVENTS,
        "match": Obj(
            title="match",
            fields={
                "case": CASE,
                "fuzzy": FUZZY,
                "evasion": EVASION,
            },
        ),
        "allow": List(Str(min_len=1), doc="Public phrases that are never flagged for this rule"),
        "context": Obj(
            title="context",
            required=("words",),
            doc="Hotwords within `window` tokens raise the confidence",
            fields={"words": WORDS, "window": WINDOW},
        ),
        "exclude": Obj(
            title="exclude",
            doc="Words or patterns within `window` tokens drop the finding",
            fields={
                "words": WORDS,
                "patterns": List(Str(min_len=1), min_items=1),
                "window": WINDOW,
            },
        ),
        "veto": Obj(
            title="veto",
            required=("model",),
            doc="A learned scorer that drops the finding when it reads the draft as harmless",
            fields={
                "model": Str(min_len=1, doc="The scorer's weights, a JSON file next to the rule "
                             "file (tools/train_veto.py writes it)"),
                "below": Num(0, 1, doc="The finding is dropped when the scorer's probability of "
                             "a leak is below this", default=0.1),
            },
        ),
        "near": Obj(
            title="near",
            doc="The finding counts only with a finding of this category or rule within "
            "`window` tokens",
            fields={
                "category": OneOrMany(Str(min_len=1)),
                "rule": OneOrMany(Str(min_len=1)),
                "window": NEAR_WINDOW,
            },
        ),
        "defer_to": OneOrMany(
            Str(min_len=1),
            doc="Rule ids this rule stands aside for: its findings are dropped from a draft on "
            "which one of them reports (one decision per draft, no double count)",
        ),
        "validate": OneOrMany(Str(enum=VALIDATORS), doc="Checksums the match must pass"),
        "unless": OneOrMany(
            Str(enum=tuple(UNLESS_CHECKS)),
            doc="The match is dropped when one of these checks says the value is nobody's: "
            + "; ".join(f"{name}: {what}" for name, what in UNLESS_CHECKS.items()),
        ),
        "active": Obj(
            title="active",
            fields={"from": Date(), "until": Date()},
            doc="Dates between which the rule fires (inclusive)",
        ),
        "examples": Obj(
            title="examples",
            fields={"flag": List(Str(min_len=1)), "pass": List(Str(min_len=1))},
            doc="Drafts the rule must flag and must let pass (`guard rules test`)",
        ),
        "tags": List(Str(min_len=1)),
        "owner": Str(),
        "redact": Bool(doc="Mask the matched text in every report (secrets)"),
        "replace_with": Str(min_len=1, doc="The approved public wording `guard fix` puts in "
                            "place of the match (e.g. 'our next release' for a codename)"),
        "remove": Bool(doc="`guard fix` deletes the match (secrets); not with replace_with",
                       default=False),
        "override": Str(
            enum=("never", "reason"),
            doc="never: no override of a draft this rule flags; reason: overridable with a "
            "reason even where the pack's `overrides` say never",
        ),
        "escalate": Obj(
            title="escalate",
            required=("during", "severity"),
            doc="While one of these calendar periods is in force, the rule takes this severity",
            fields={
                "during": OneOrMany(Str(min_len=1), doc="Names of periods in `calendar`"),
                "severity": SEVERITY,
            },
        ),
    },
)

OVERRIDE_LEVEL = Str(enum=("allowed", "never"))
PERIOD = Obj(
    title="period",
    required=("name", "start", "end"),
    doc="A named period (a quiet period before results); both dates inclusive",
    fields={
        "name": Str(pattern=r"[A-Za-z0-9_.-]+", pattern_hint="letters, digits, - _ .",
                    doc="Named by rules' `escalate.during`"),
        "start": Date(),
        "end": Date(),
        "timezone": Str(min_len=1, doc="IANA zone the dates are read in (default UTC)"),
    },
)

PACK = Obj(
    title="rule pack",
    required=("version",),
    fields={
        "version": Num(1, 1, integer=True, doc="Format version; must be 1"),
        "name": Str(min_len=1, doc="Pack name, shown in reports"),
        "description": Str(),
        "extends": OneOrMany(
            Str(min_len=1), doc="Bundled pack names or paths relative to this file"
        ),
        "settings": Obj(
            title="settings",
            fields={
                "thresholds": Obj(
                    title="thresholds",
                    fields={"warn": WARN, "block": BLOCK},
                ),
                "platform": PLATFORM,
                "languages": List(LANGUAGE, min_items=1),
                "models": Obj(
                    title="models",
                    fields={"en": Str(min_len=1), "fr": Str(min_len=1)},
                    doc="spaCy model per language, e.g. en: en_core_web_md",
                ),
                "pattern_timeout_ms": PATTERN_TIMEOUT_MS,
            },
        ),
        "allow": List(Str(min_len=1), doc="Public phrases never flagged by any rule of the pack"),
        "hashed_allow": Obj(
            title="hashed allow phrases",
            doc="Written by `guard rules hash`: pack-wide allow phrases that named a term",
            required=("algorithm", "salt", "digests"),
            fields={
                "algorithm": Str(enum=("hmac-sha256",)),
                "salt": Str(min_len=1),
                "digests": List(HEX_DIGEST, min_items=1),
                "lengths": List(Num(1, 64, integer=True)),
                "typos": TYPO_DIGESTS,
            },
        ),
        "lists": MapOf(
            List(Str(min_len=1), min_items=1),
            key_pattern=LIST_NAME,
            doc="Named word lists that rules refer to as '@name'; a pack that extends this one "
            "replaces a list by defining it again, or adds to it with '@name' inside",
        ),
        "fragments": MapOf(
            Str(min_len=1),
            key_pattern=LIST_NAME,
            doc="Named pieces of regex that pattern rules write as '{{name}}' (round twelve): "
            "defined once, put in a non-capturing group where named; a pack that extends this "
            "one replaces a fragment by defining it again",
        ),
        "secrecy": MapOf(
            SECRECY_FORM,
            key_pattern=LIST_NAME,
            doc="Secrecy said in grammar, for the events rules: patterns built from the pack's "
            "lists; a pack that extends this one adds a form, or replaces one by its name",
        ),
        "rules": List(RULE),
        "overrides": Obj(
            title="overrides",
            doc="Which verdicts an author may override with a reason (default: warn allowed, "
            "block never)",
            fields={"warn": OVERRIDE_LEVEL, "block": OVERRIDE_LEVEL},
        ),
        "audit": Obj(
            title="audit",
            doc="What the audit store keeps of a draft (default: a keyed hash only)",
            fields={"store_text": Str(enum=("none", "redacted"))},
        ),
        "calendar": List(PERIOD, doc="Named periods that rules' `escalate` refers to"),
    },
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule file, for editors and CI."""
    out = PACK.schema()
    rule = out["properties"]["rules"]["items"]
    rule["oneOf"] = [{"required": [key]} for key in registry.KEYS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tweet-guard.invalid/schema/rules-v1.json",
        "title": "tweet-guard rule pack (version 1)",
        **out,
    }
