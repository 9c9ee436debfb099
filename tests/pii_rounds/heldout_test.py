"""The development held-out batch for personal data, credentials and markers (issue 14), and the
behaviours users see on the drafts that motivated it: exact verdicts, rules and redaction.

Batches 1 to 3 (`tests/data/heldout/pii-secret-marker-1.jsonl` to `-3.jsonl`) were tuned on (batch 2
in the second round, batch 3 in the third), so they hold the line against regressions; the fresh
batch 4 is never asserted here (benchmarks/heldout_rates.py reports it as the honest figure).
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.scripts import ROOT, load_script

bench = load_script("benchmarks/default_pack_rates.py")  # heldout_rates imports it by name
heldout = load_script("benchmarks/heldout_rates.py")
HELDOUT = ROOT / "tests" / "data" / "heldout"
BATCH_1 = HELDOUT / "pii-secret-marker-1.jsonl"


@pytest.mark.parametrize("batch", ["pii-secret-marker-1.jsonl", "pii-secret-marker-2.jsonl",
                                   "pii-secret-marker-3.jsonl"])
def test_development_batches_meet_every_target(guard: Guard, batch: str) -> None:
    lines, failures = heldout.evaluate(guard, bench.read_jsonl(HELDOUT / batch))
    assert failures == [], "\n".join(ln for ln in lines if ln.startswith(("missed", "alarm")))


def _rules(guard: Guard, text: str) -> tuple[str, list[tuple[str, str]]]:
    report = guard.check(text)
    return report.verdict, [(f.rule, f.text) for f in report.findings if f.category != "length"]


def test_a_url_with_a_password_is_a_redacted_secret_not_an_email(guard: Guard) -> None:
    text = "creds: https://deploy-bot:8fLk29Qmv@nexus.acme.example/repo"
    verdict, found = _rules(guard, text)
    assert verdict == "block"
    masked = "*" * len("https://deploy-bot:8fLk29Qmv@nexus.acme.example")
    assert found == [("secret.connection-string", masked)]


def test_a_redis_url_with_an_empty_user_is_a_secret(guard: Guard) -> None:
    verdict, found = _rules(guard, "le cache : redis://:Q7ms0dkZp2@cache-01.example:6379/0")
    assert verdict == "block"
    assert [rule for rule, _ in found] == ["secret.connection-string"]
    assert "Q7ms0dkZp2" not in str(guard.check("redis://:Q7ms0dkZp2@cache-01.example:6379/0"))


@pytest.mark.parametrize("text, rule, span", [
    ("his SSN is 847-24-6077, can you push it?", "pii.ssn", (11, 22)),
    ("le n° de sécu de Mme Lefebvre est 2 68 10 67 121 265 45, merci", "pii.nir", (34, 55)),
    ("starter form: NI no. PW730516A, tax code 1257L", "pii.nino", (21, 30)),
    ("Steuer-ID de Anna Köhler : 91530786335 ✅", "pii.de-tax-id", (27, 38)),
    ("Raj, passport no. 548203917, exp 2031", "pii.passport", (18, 27)),
    ("Refund Mrs Dalton to GB72 LOYD 9995 2019 0792 79 please", "pii.iban", (21, 48)),
])
def test_another_persons_identifier_blocks_and_is_masked(
    guard: Guard, text: str, rule: str, span: tuple[int, int]
) -> None:
    report = guard.check(text)
    assert report.verdict == "block"
    found = [f for f in report.findings if f.rule == rule]
    assert [(f.start, f.end) for f in found] == [span]
    # Masked character for character; the spaces between groups stay, so the layout shows.
    assert found[0].text == "".join(" " if ch == " " else "*" for ch in text[span[0]:span[1]])


@pytest.mark.parametrize("text", [
    "Reference code 914-88-1042 on your invoice is just our job number",
    "Mon passeport expire dans 2 mois 🙃",
    "TIL NI numbers never start with D, F, I, Q, U or V",
    "Stripe test card 4242 4242 4242 4242 works with any future date",
    "stop using password123 for everything. get a password manager",
    "Non, « azerty123 » n'est pas un mot de passe sécurisé",
    "mongodb+srv://USERNAME:PASSWORD@cluster.example.mongodb.net is the format",
    "localhost:3000 is up 🎉 first time the frontend talks to the api",
    "à lire via@lemonde.fr https://lmd.fr/3kQz",
    "Kitchen Confidential by Anthony Bourdain is still the best book",
    "what does \"internal use only\" even mean legally?",
    "back at work after my burnout, feeling so much better",
    "Visitez notre nouvelle boutique au 3 rue Mercière, 69002 Lyon !",
])
def test_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert _rules(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, rule", [
    ("@jules_it the new root pw for the build box is Tr4ct0r!Bloom22, don't lose it",
     "secret.password"),
    ("mdp admin = Lapin-Vert-8842 pour le back-office", "secret.password"),
    ("Le code de la boîte mail c'est Boulangerie1987!Lyon, je pars en congés",
     "secret.password-code"),
    ("router login is admin / Kx7-mq2-Zt9b, see you at the LAN party", "secret.credential-prose"),
    ("Blue-Otter-41 is the new password for the shared drive", "secret.password-named"),
])
def test_passwords_in_prose_block_and_are_masked(guard: Guard, text: str, rule: str) -> None:
    report = guard.check(text)
    assert report.verdict == "block"
    (finding,) = [f for f in report.findings if f.rule == rule]
    assert set(finding.text) <= {"*", " "}


@pytest.mark.parametrize("text, rule", [
    ("Sophie est en arrêt maladie jusqu'à fin mars, il faut redistribuer ses dossiers",
     "pii.special-category"),
    ("heads up: Olivia Brennan is on a performance improvement plan", "pii.special-category"),
    ("she's at Flat 3, 27 Kingsley Road, Leeds LS6 2AH, leave it with the neighbour",
     "pii.postal-address"),
    ("copying from the partner brief (NDA): Acme is launching the X200", "marker.label"),
    ("running on http://localhost:8080/admin", "internal.host"),
])
def test_warnings(guard: Guard, text: str, rule: str) -> None:
    verdict, found = _rules(guard, text)
    assert verdict == "warn"
    assert rule in [r for r, _ in found]


LABEL, STEM = "marker.classification", "pii.special-category-term"


@pytest.mark.parametrize("text, rule", [
    ("@fintwit from a deck marked TLP:AMBER: three banks hit by the same crew", LABEL),
    ("Capture (classification : C2 \u2013 Interne) : le projet est abandonné", LABEL),
    ("Colin in logistics just got diagnosed with MS, cover his shifts", STEM),
    ("Fiche de paie de Damien vue par erreur : 2 950 € net", STEM),
])
def test_labels_by_shape_and_a_colleagues_data_by_stem_warn(
    guard: Guard, text: str, rule: str
) -> None:
    report = guard.check(text)
    assert report.verdict == "warn"
    assert [f.rule for f in report.findings if f.category != "length"] == [rule]


@pytest.mark.parametrize("text", [
    "What's the difference between \"confidential\" and \"restricted\"? asking for my audit",
    "TLP:CLEAR means the report can be shared publicly. TLP:AMBER means limited distribution",
    "My thoughts are with GM Bryan Murray, who has recently been diagnosed with cancer",
    "Campagne de dépistage du cancer du sein gratuite à la mairie du 14e 🎀",
    "127.0.0.1:8080 finally serving the new landing page, only took me all weekend",
])
def test_talk_about_labels_news_and_loopback_stay_quiet(guard: Guard, text: str) -> None:
    assert guard.check(text).verdict == "allow"


def test_creds_as_user_slash_pass_block_and_are_masked(guard: Guard) -> None:
    text = "the domain admin creds are svc_backup / Winter!Harbor!2024, reset didn't take"
    report = guard.check(text)
    assert report.verdict == "block"
    assert [f.rule for f in report.findings] == ["secret.credential-prose"]
    assert "Winter!Harbor!2024" not in str(report)
