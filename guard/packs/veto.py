"""`veto:` of a rule: the learned scorer's file, read and checked when the pack loads."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from guard.models import Veto

LEAK = "leak"  # the class whose probability the veto reads


def veto_field(path: Path, raw: Any, fail: Any) -> Veto | None:
    """The rule's `veto`, its model read, digested and parsed; None after a `fail`."""
    given = raw["veto"]
    model = path.parent / given["model"]
    try:
        blob = model.read_bytes()
    except OSError as exc:
        fail("veto", f"cannot read the veto model '{given['model']}' (looked at {model}): "
             f"{exc.strerror or exc}", "paths are relative to the rule file; "
             "tools/train_veto.py writes the model")
        return None
    from guard.detect.events.model import ModelError, load

    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    try:
        scorer = load(str(model), digest)
    except ModelError as exc:
        fail("veto", str(exc), "rebuild it with tools/train_veto.py")
        return None
    if LEAK not in scorer.classes:
        fail("veto", f"the veto model '{given['model']}' has no '{LEAK}' class "
             f"(it has {', '.join(scorer.classes)})", "rebuild it with tools/train_veto.py")
        return None
    return Veto(given["model"], str(model), digest, float(given.get("below", 0.1)))
