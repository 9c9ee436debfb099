"""A hashed pack gives the plain pack's verdicts: allow phrases naming a term, and one typo.

The policy is a realistic one (codenames, clients next to amounts, public phrases that contain
a codename); the drafts are the labelled drafts, and the same drafts with a codename, a
misspelt codename or an allowed phrase added.
"""

from __future__ import annotations

import datetime as dt
import json
from itertools import cycle

from guard.authoring.hashpack import hash_pack
from guard.engine import Guard
from guard.packs.loader import load_pack
from tests.scripts import ROOT

POLICY = """\
version: 1
name: acme-policy
allow: ["Kestrel Lane bus stop"]
rules:
  - id: codename.birds
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon", "Kestrel", "Blue Heron", "Nightingale"]
    allow: ["Falcon Heavy", "Nightingale Hospital", "blue heron sighting"]
    context: {words: [launch, beta], window: 6}
  - id: client.names
    category: client
    severity: high
    terms: ["Globex Corporation", "Initech", "Umbrella Biotech"]
    near: {category: money, window: 10}
  - id: money.amount
    category: money
    severity: low
    pattern: '[$€]\\d+(?:[.,]\\d+)?\\s?[MKk]?'
"""
ADDED = [
    "Falcon", "Falcn", "Flacon", "Falconn", "Falcon Heavy", "Falcon Heavvy", "falcon heavy",
    "Nightingale Hospital", "Nightingle Hospital", "Nightingael", "Kestrel", "Kestral",
    "Kestrel beta", "Kestrel Lane bus stop", "Kestral Lane bus stop", "Globex Corporation $5M",
    "Initech $3M", "Initeck $3M", "Initech", "Blue Heron", "blue heron sighting",
    "blue heron sightings", "Umbrella Biotek", "project falcon", "F4lcon",
]  # fmt: skip


def _drafts() -> list[str]:
    lines = (ROOT / "tests" / "data" / "labelled.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    added = [f"{text} {extra}" for text, extra in zip(texts, cycle(ADDED), strict=False)]
    return texts + added


def _verdicts(guard: Guard, drafts: list[str]) -> list[tuple[str, int, tuple]]:
    out = []
    for report in guard.check_many(drafts):
        spans = tuple(sorted((f.start, f.end, f.category) for f in report.findings))
        out.append((report.verdict, report.score, spans))
    return out


def test_a_hashed_pack_gives_the_plain_packs_verdicts_on_the_labelled_drafts(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text(POLICY, encoding="utf-8")
    out = tmp_path / "hashed.yaml"
    result = hash_pack(str(plain), str(out), "test-salt")
    out.write_text(result.text, encoding="utf-8")
    text = result.text.casefold()
    for term in ("falcon", "kestrel", "heron", "nightingale", "globex", "initech", "umbrella"):
        assert term not in text
    today = dt.date(2026, 11, 30)
    drafts = _drafts()
    want = _verdicts(Guard(load_pack([str(plain)]), today=today, nlp=False), drafts)
    got = _verdicts(Guard(load_pack([str(out)]), today=today, nlp=False), drafts)
    differ = [(d, w, g) for d, w, g in zip(drafts, want, got, strict=True) if w != g]
    assert not differ, differ[:5]
    blocked = {d.rsplit(" ", 1)[-1] for d, w in zip(drafts, want, strict=True) if w[0] == "block"}
    assert {"Falcn", "Kestral", "Nightingael"} <= blocked  # one typo still blocks
    allowed_tail = [w for d, w in zip(drafts, want, strict=True) if d.endswith("Falcon Heavy")]
    assert allowed_tail and all(not any(c == "codename" for *_, c in w[2]) for w in allowed_tail)
