"""Model files named in a rule file (`events.model`, `veto.model`): read, digested and checked
when the pack loads, so that a missing or broken model is a rule-file error with its place."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from guard.models import VETO_CLASS, Veto


def read_model(
    path: Path, name: str, key: str, tool: str, fail: Any
) -> tuple[Path, str, Any] | None:
    """(the file, its sha256 digest, its scorer) of the model `name` that the rule file at
    `path` gives under `key`; None after a `fail` that names the file and what to change."""
    model = path.parent / name
    try:
        blob = model.read_bytes()
    except OSError as exc:
        fail(key, f"cannot read the {key} model '{name}' (looked at {model}): "
             f"{exc.strerror or exc}", f"paths are relative to the rule file; {tool} writes "
             "the model")
        return None
    from guard.detect.events.model import ModelError, load

    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    try:
        scorer = load(str(model), digest)
    except ModelError as exc:
        fail(key, str(exc), f"rebuild it with {tool}")
        return None
    return model, digest, scorer


def veto_field(path: Path, raw: Any, fail: Any) -> Veto | None:
    """The rule's `veto`, its model read, digested and parsed; None after a `fail`."""
    given = raw["veto"]
    read = read_model(path, given["model"], "veto", "tools/train_veto.py", fail)
    if read is None:
        return None
    model, digest, scorer = read
    if VETO_CLASS not in scorer.classes:
        fail("veto", f"the veto model '{given['model']}' has no '{VETO_CLASS}' class "
             f"(it has {', '.join(scorer.classes)})", "rebuild it with tools/train_veto.py")
        return None
    return Veto(given["model"], str(model), digest, float(given.get("below", 0.1)))
