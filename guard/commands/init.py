"""`guard init`: a commented starter `.guard.yaml` (and its terms file) in the current folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from guard.errors import UsageError
from guard.packs.loader import PROJECT_FILE

TERMS_FILE = ".guard-clients.txt"

STARTER = """\
# tweet-guard rules for this project. `guard check "draft"` finds this file from here or any
# folder below. Try the examples:  guard rules test .guard.yaml
# Check the file as you edit it:   guard rules lint .guard.yaml
# The whole format:                guard rules schema (or the README's "Rule files" section)
version: 1
name: my-team
extends: [default]        # keep the bundled rules: PII, secrets, internal links, markers...

settings:
  thresholds: {warn: 40, block: 70}   # risk score 0..100
  platform: x                         # x | x-classic | mastodon | bluesky
  languages: [en, fr]

# Public phrases that are never flagged, whichever rule matches them.
allow: ["Falcon Heavy"]

rules:
  # 1. terms: words and phrases, found through disguise (F4lc0n, F.a.l.c.o.n, #ProjectFalcon,
  #    Cyrillic look-alikes, one typo for 6+ letters), never inside a longer word (Falconry).
  - id: codename.falcon
    category: codename
    severity: critical     # info | low | medium | high | critical
    terms: ["Project Falcon", "Falcon"]
    allow: ["Atlanta Falcons"]
    context: {words: [launch, ship, ships, beta, release], window: 8}
    # active: {until: 2027-03-01}   # the day the codename becomes public
    message: Internal project codename
    suggestion: say "our next release"
    examples:
      flag: ["Falcon beta ships to testers next week", "F4lc0n is almost ready!"]
      pass: ["Watched the Falcon Heavy launch tonight", "Go Atlanta Falcons!"]

  # 2. terms_file: a long list kept next to this file, one term per line (# for comments).
  #    Keep it out of public repos, or ship it hashed: guard rules hash .guard.yaml -o packed.yaml
  - id: client.names
    category: client
    severity: high
    terms_file: .guard-clients.txt
    message: Name of a client under NDA
    suggestion: say "a customer" unless the client has agreed to be named
    examples:
      flag: ["Great workshop with the Globex Corporation team today"]
      pass: ["Great workshop with a customer team today"]

  # 3. pattern: a regular expression (the `regex` module's syntax), run with a time limit;
  #    case-sensitive unless it says (?i).
  - id: internal.ticket
    category: internal-link
    severity: medium
    pattern: '\\bACME-[0-9]{3,6}\\b'
    message: Internal ticket reference
    suggestion: describe the fix without the ticket number
    examples:
      flag: ["Fixed in ACME-4521, deploying tonight"]
      pass: ["Fixed it, deploying tonight"]

  # 4. entity: spaCy named entities (ORG, PERSON, MONEY, PERCENT, PRODUCT, DATE, ...).
  #    Here: a money amount counts only within 12 tokens of a client name (rule 2).
  - id: client.money
    category: financial
    severity: high
    entity: [MONEY]
    near: {rule: client.names, window: 12}
    message: A money amount next to a client name
    suggestion: leave contract values out of posts
    examples:
      flag: ["Globex Corporation just signed for $2 million"]
      pass: ["Lunch cost me $20, worth it"]

  # 5. phrases: spaCy Matcher token patterns, for wording rather than words.
  - id: deal.talk
    category: mnpi
    severity: medium
    phrases:
      - [{LOWER: we}, {LOWER: {IN: [should, could, will, "'ll"]}}, {LOWER: {IN: [buy, acquire]}},
         {LOWER: {IN: [them, out]}}]
    message: Talk of buying a company before it is announced
    suggestion: wait for the announcement
    examples:
      flag: ["Honestly we should buy them before Q3"]
      pass: ["They should buy us lunch"]
"""

TERMS = """\
# Client names for rule client.names in .guard.yaml: one per line; # starts a comment.
Globex Corporation
Initech
"""


def command(
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> int:
    """Write a starter .guard.yaml (and .guard-clients.txt) in the current folder."""
    targets = {Path(PROJECT_FILE): STARTER, Path(TERMS_FILE): TERMS}
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise UsageError(f"{' and '.join(existing)} already exist(s) here; "
                         "use --force to overwrite")
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {PROJECT_FILE} and {TERMS_FILE}: five example rules over the "
                     "default pack.\nNext: guard rules test .guard.yaml, then edit the rules "
                     "and their examples.\n")
    return 0
