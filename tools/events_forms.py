"""What each `secrecy:` form of rules/events.yaml matches, over the data the repo keeps.

    python tools/events_forms.py              # the `aside` forms (round thirteen)
    python tools/events_forms.py --says nonpublic --show tell-negated-en

A form is a class of sentence, not a draft's wording: before one is kept, its matches are
counted on every written leak and hard negative (the training files and the development
batches), on the hard negatives of the pii development batches and on all the real posts. A
match is not an alarm taken back or caused (most matched drafts are quiet anyway): it is what
the form would touch. `--show NAME` lists the leaks a form matches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard.detect.events.cues import fold
from guard.packs.loader import load_pack


def corpora() -> dict[str, list[str]]:
    """The texts each column counts over."""
    rows = [row for path in sorted(train.TRAINING.glob("*.jsonl"))
            for row in train.read_jsonl(path)]
    rows += [row for n in train.DEV_BATCHES for row in train.dev_batch(n)]
    pii = train.pii_negatives()  # one list of the pii development batches, in train_events
    real = [post for name in ("real_posts.jsonl", "real_posts_fr.jsonl")
            for post in train.read_jsonl(train.CORPORA / name)]
    return {
        "leaks": [r["text"] for r in rows if r["leak"]],
        "hard negatives": [r["text"] for r in rows if not r["leak"]],
        "pii hard negatives": [r["text"] for r in pii],
        "real posts": [p["text"] for p in real],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--says", default="aside", help="the forms saying this (default aside)")
    parser.add_argument("--show", action="append", default=[], help="list a form's drafts")
    args = parser.parse_args()
    pack = load_pack([str(train.RULES)])
    forms = [f for r in pack.rules if r.events is not None for f in r.events.secrecy]
    forms = [f for f in dict((f.name, f) for f in forms).values() if f.says == args.says]
    texts = {k: [fold(t).casefold() for t in v] for k, v in corpora().items()}
    print("form".ljust(18) + "".join(f"{k:>20}" for k in texts))
    for form in forms:
        pattern = regex.compile(form.pattern, regex.IGNORECASE | regex.V0)
        hits = {k: [t for t in v if pattern.search(t)] for k, v in texts.items()}
        print(form.name.ljust(18) + "".join(f"{len(v):>20}" for v in hits.values()))
        if form.name in args.show:
            for kind, found in hits.items():
                for text in found:
                    print(f"    {kind.rstrip('s')}: {text[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
