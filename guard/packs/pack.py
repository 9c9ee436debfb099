"""A loaded pack (the data the engine runs on) and where packs are found; no YAML involved.

Kept apart from the loader so that a pack read back from the cache (`guard.packs.cache`) needs
neither the YAML parser nor the schema.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from guard.errors import UsageError
from guard.models import HashedTerms, Rule, Settings, SourcePos
from guard.record import field, record

if TYPE_CHECKING:
    from pathlib import Path  # not imported by a cold check: the str forms below serve it

    from guard.packs.yamlsrc import LocDict

PROJECT_FILE = ".guard.yaml"
ENV_VAR = "GUARD_RULES"


@record
class Pack:
    """The effective rules of one or more stacked rule files."""

    name: str
    rules: tuple[Rule, ...]
    allow: tuple[str, ...]
    settings: Settings
    files: tuple[str, ...]
    digest: str
    # Kept from loading so that lint, explain and `rules list` never parse the files again:
    # the YAML each effective rule was built from (positions included), and every place each
    # id was defined across `extends`, in load order.
    raw: Mapping[str, LocDict] = field(default_factory=dict, compare=False, repr=False)
    # Pack-wide allow phrases that named a hashed term (`guard rules hash`), one per file.
    hashed_allow: tuple[HashedTerms, ...] = ()
    definitions: Mapping[str, tuple[SourcePos, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, if any."""
        return next((r for r in self.rules if r.id == rule_id), None)


def bundled_dir() -> Path:
    """The folder of the bundled packs: inside the installed wheel, or `rules/` in a checkout."""
    from pathlib import Path

    return Path(bundled_folder())


def bundled_folder() -> str:
    """`bundled_dir` as a str (a cold check keys its pack cache by it without pathlib)."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "rules")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(package), "rules")


def bundled_names() -> list[str]:
    """Names usable in `extends:` and `--rules`."""
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def resolve_bundled(name: str) -> Path | None:
    """The file of a bundled pack, or None when there is no pack of that name."""
    path = bundled_dir() / f"{name}.yaml"
    return path if path.is_file() else None


def discover(explicit: Sequence[str] = (), cwd: str | Path | None = None) -> list[str]:
    """Which rule files to use: `--rules`, $GUARD_RULES, .guard.yaml upwards, then default."""
    if explicit:
        return list(explicit)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        named = [p for p in env.split(os.pathsep) if p.strip()]
        if not named:
            raise UsageError(
                f"${ENV_VAR} is set to {env!r} but names no rule file: list rule files or "
                f"pack names separated by '{os.pathsep}', or unset it"
            )
        return named
    folder = os.path.realpath(cwd or os.getcwd())
    while True:  # the folder, then each of its parents up to the root
        candidate = os.path.join(folder, PROJECT_FILE)
        if os.path.isfile(candidate):
            return [candidate]
        parent = os.path.dirname(folder)
        if parent == folder:
            return ["default"]
        folder = parent


# Digests of packs whose entity and phrase rules passed their checks in this process (or when
# their cache entry was written): `validate_nlp_rules` runs once per pack, and a pack read from
# the cache needs no spaCy-side module at all.
_VALIDATED: set[str] = set()


def validate_nlp_rules(pack: Pack) -> None:
    """Check every entity and phrase rule of the pack, whatever its dates (RulePackError)."""
    if pack.digest in _VALIDATED:
        return
    nlp = [r for r in pack.rules if r.detector in ("entity", "phrases")]
    if nlp:
        # A bad label or phrase in a rule that activates next month would otherwise fail every
        # check from that day on. No spaCy needed.
        from guard.detect.nlp import entities, phrases

        for rule in nlp:
            if rule.detector == "entity":
                entities.check_labels(rule)
            else:
                phrases.validate(rule)
    _VALIDATED.add(pack.digest)


def mark_validated(pack: Pack) -> None:
    """Record that `validate_nlp_rules` passed for this pack (read back from the cache)."""
    _VALIDATED.add(pack.digest)


