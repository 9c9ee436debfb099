"""Model files named in a rule file (`events.model`, `veto.model`): read, digested and checked
when the pack loads, so that a missing or broken model is a rule-file error with its place."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path
from typing import Any

from guard.models import VETO_CLASS, Veto


def read_model(
    path: Path, name: str, key: str, tool: str, fail: Any, lazy: bool = False
) -> tuple[Path, str, Any] | None:
    """(the file, its sha256 digest, its scorer) of the model `name` that the rule file at
    `path` gives under `key`; None after a `fail` that names the file and what to change.
    `lazy`: the document is checked (format, classes, one weight per feature and class) but
    not built into a scorer, and its classes stand in for it: a veto model is built on the
    first draft that needs it, so a cold `guard check` does not pay for it."""
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
        scorer = _classes(blob, str(model)) if lazy else load(str(model), digest)
    except ModelError as exc:
        fail(key, str(exc), f"rebuild it with {tool}")
        return None
    return model, digest, scorer


def _classes(blob: bytes, where: str) -> tuple[str, ...]:
    """The classes of a model document, after the checks `parse` makes that cost no index."""
    from guard.detect.events.model import FORMAT, ModelError

    try:
        data = json.loads(blob)
        if data.get("format") != FORMAT:
            raise ModelError(f"{where}: not an events model (format is not {FORMAT!r})")
        classes = tuple(str(c) for c in data["classes"])
        names = data["features"].count("\n") + 1 if data["features"] else 0
        weights = len(base64.b64decode(data["weights"], validate=True))
        if len(data["bias"]) != len(classes) or weights != 2 * len(classes) * names:
            raise ModelError(f"{where}: every feature needs one weight per class")
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"{where}: malformed events model ({exc})") from None
    return classes


def veto_field(path: Path, raw: Any, fail: Any) -> Veto | None:
    """The rule's `veto`, its model read, digested and checked; None after a `fail`."""
    given = raw["veto"]
    read = read_model(path, given["model"], "veto", "tools/train_veto.py", fail, lazy=True)
    if read is None:
        return None
    model, digest, classes = read
    if VETO_CLASS not in classes:
        fail("veto", f"the veto model '{given['model']}' has no '{VETO_CLASS}' class "
             f"(it has {', '.join(classes)})", "rebuild it with tools/train_veto.py")
        return None
    return Veto(given["model"], str(model), digest, float(given.get("below", 0.1)))
