"""Do the pii batches' hard negatives teach the events scorer their kind, or only their drafts?

    python tools/events_pii_fold.py            # train on batches 1-13's, measure on 14-26's
    python tools/events_pii_fold.py 0.3        # the pii drafts weigh 0.3 of a written draft

Two models are trained exactly as tools/train_events.py trains the shipped one: one without
any pii/secret/marker hard negative, one with those of batches 1-13 (and val-9..13). Each is
put beside a copy of the bundled rules, and the whole default pack (NLP on) checks the hard
negatives of pii batches 14-26, which neither model saw: the table gives the share warned or
blocked with an `event.*` finding. Their recall on fresh wording is tools/events_fresh.py's
(`pii` and `pii0.3` are among its candidates, beside `shipped`, which has none).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard import Guard
from guard.packs.loader import load_pack
from guard.score import verdict

TRAINED = tuple(range(1, 14))  # round twenty-three: halves of 1-26 (1-10 and 11-15 before)
MEASURED = tuple(range(14, 27))


def alarms(model: bytes, drafts: list[dict[str, object]]) -> list[dict[str, object]]:
    """The drafts the default pack, with this events model, flags with an event finding."""
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(train.ROOT / "rules", rules)
        (rules / "events-model.json").write_bytes(model)
        guard = Guard(load_pack([str(rules / "default.yaml")]))
        reports = guard.check_many([str(d["text"]) for d in drafts])
    return [
        d for d, r in zip(drafts, reports, strict=True)
        if verdict(r.score, r.warn, r.block) != "allow"
        and any(f.rule.startswith("event.") for f in r.findings)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weight", nargs="?", type=float, default=1.0,
                        help="what a pii draft weighs beside a written one (default 1)")
    weight = parser.parse_args().weight
    rows = [
        row for n in MEASURED
        for row in train.read_jsonl(train.PII / "heldout" / f"pii-secret-marker-{n}.jsonl")
        if not row["leak"]
    ]
    print(f"hard negatives of pii batches {MEASURED[0]}-{MEASURED[-1]}: {len(rows)}")
    for name, pii in (("without pii negatives", ()), (f"with batches 1-{TRAINED[-1]}'s", TRAINED)):
        found = alarms(train.dump(train.build(pii=pii, pii_weight=weight)), rows)
        share = 100 * len(found) / len(rows)
        print(f"{name:<28} flagged by event rules: {len(found):>3} ({share:.1f}%)")
        for d in found:
            print(f"    {d['id']} [{d['lang']}] {str(d['text'])[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
