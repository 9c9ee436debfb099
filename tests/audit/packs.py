"""The pack the compliance-loop tests check drafts against."""

LOOP_PACK = """\
version: 1
name: acme
overrides: {warn: allowed, block: never}
calendar:
  - {name: q4-quiet, start: 2026-12-01, end: 2027-01-20, timezone: America/New_York}
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    allow: ["Falcon Heavy"]
    message: Internal project codename
    examples:
      flag: ["Falcon beta ships to testers next week"]
      pass: ["Watched the Falcon Heavy launch tonight"]
  - id: codename.kestrel
    category: codename
    severity: critical
    override: never
    terms: [Kestrel]
    message: Internal project codename
    examples:
      flag: ["Kestrel is late"]
      pass: ["A kettle is late"]
  - id: client.globex
    category: client
    severity: high
    terms: [Globex]
    message: Client name
    escalate: {during: [q4-quiet], severity: critical}
    examples:
      flag: ["Lunch with Globex"]
      pass: ["Lunch with friends"]
"""
