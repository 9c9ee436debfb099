"""Issue 14, round three: identifiers in any layout a person types, labels of other schemes, a
colleague's situation in plain words, French password phrasings, and the false alarms of batch 3
and of the development drafts (`tests/data/dev/pii-secret-marker-dev-4.jsonl`), with exact rule
ids, spans and verdicts. The pack runs without the NLP model and without the `event.*` rules, as
in `tests/pii_rounds/conftest.py` (these drafts measure the pii, secret and marker families).
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, misses_and_alarms
from tests.scripts import ROOT

DEV_4 = ROOT / "tests" / "data" / "dev" / "pii-secret-marker-dev-4.jsonl"


@pytest.mark.parametrize("text, rule, span", [
    ("hr portal keeps erroring on Luis's record, SSN 289 47 7218, tried with and without spaces",
     "pii.ssn", (47, 58)),
    ("tax preparer wants my sister's social security no. (it's 208.43.5502), is it okay?",
     "pii.ssn", (57, 68)),
    ("ugh my dad texted his social to the family chat AGAIN. 362404277. deleting in 5 min",
     "pii.ssn", (55, 64)),
    ("mum's national insurance is SK-63-02-88-D and it's wrong on the form", "pii.nino", (28, 41)),
    ("Grandad's nino hj873920a keeps getting rejected by the online form", "pii.nino-keyword",
     (15, 24)),
    ("NIR 1-60-11-44-124-222-10, quelqu'un de la paie peut vérifier ?", "pii.nir", (4, 25)),
    ("numéro de sécurité sociale de ma mère : 254 05 13 689 353 16", "pii.nir", (40, 60)),
    ("her tax ID (Steuer-IdNr) 363 859 021 37, which form does the Lohnbüro need?",
     "pii.de-tax-id", (25, 39)),
    ("our German contractor's tax id is 98-785-162-049, does the W-8BEN want that?",
     "pii.de-tax-id", (34, 48)),
    ("passeport de Léa Marchand n° 19AV48213, valable jusqu'en 2029", "pii.passport", (29, 38)),
    ("booking the Tokyo trip for Marcus Hale, passport number is 561 204 877, expires 2032",
     "pii.passport", (59, 70)),
])
def test_identifiers_in_any_layout_block_and_are_masked(
    guard: Guard, text: str, rule: str, span: tuple[int, int]
) -> None:
    report = guard.check(text)
    assert report.verdict == "block"
    found = [f for f in report.findings if f.category != "length"]
    assert [(f.rule, f.start, f.end) for f in found] == [(rule, *span)]
    # Masked character for character (spaces kept, as for every redacted finding).
    assert found[0].text == "".join(" " if ch == " " else "*" for ch in text[span[0]:span[1]])


@pytest.mark.parametrize("text, rule, span", [
    ("OFFICIAL-SENSITIVE: revised rota for the Northgate depot, attached", "marker.confidential",
     (0, 18)),
    ("the vendor's quote literally says 'Commercial in Confidence' at the top",
     "marker.confidential", (35, 59)),
    ("CUI // SP-PRVCY pasted below, can someone sanity check the dates", "marker.scheme", (0, 6)),
    ("Niveau de sensibilité : Restreint. Présentation du plan de réorganisation",
     "marker.scheme", (0, 33)),
    ("need-to-know only: we're migrating off the vendor by Q2", "marker.scheme", (0, 12)),
    ("C2 \u2013 Usage restreint. Résultats de l'audit sécu", "marker.classification", (0, 20)),
    ("Réservé à la direction : grille de rémunération 2025 en PJ", "marker.classification",
     (0, 22)),
    ("Heads up team, Gareth won't be in for a while, he had a heart attack over the weekend",
     "pii.special-category-situation", (56, 68)),
    ("Info pour l'équipe de nuit : Sylvie part en congé maternité lundi",
     "pii.special-category-situation", (44, 59)),
    ("Between us, Stuart is being let go on Friday, HR have the paperwork ready",
     "pii.special-category-situation", (28, 34)),
    ("entre nous, Mathilde de la compta est convoquée à un entretien préalable mardi",
     "pii.special-category-situation", (38, 62)),
    ("@ceo_office correction: Alan Cho's base is $142,500 not $124,500",
     "pii.special-category-situation", (35, 52)),
    ("Sandra a obtenu une augmentation de 600 € par mois", "pii.special-category-situation",
     (20, 32)),
])
def test_other_schemes_labels_and_a_colleagues_situation_warn(
    guard: Guard, text: str, rule: str, span: tuple[int, int]
) -> None:
    assert found(guard, text) == ("warn", [(rule, *span)])


@pytest.mark.parametrize("text, rule, span", [
    ("le mdp c'est Tournesol!88 pour le compte de l'asso", "secret.password", (3, 25)),
    ("Mot de passe de la box : Gr1ll0n-Vert-402, pensez à le noter", "secret.password", (0, 42)),
    ("code d'accès du local vélo : 4471B#, la porte coince un peu", "secret.password-code",
     (0, 36)),
    ("Kevin a encore oublié son mdp... bon c'est Ete2023Soleil! pour le VPN", "secret.password",
     (26, 57)),
    ("le code du compte Netflix a changé, maintenant c'est tartiflette74",
     "secret.password-code", (3, 66)),
    ("wifi at the party is 'GuestNet-5G' and the password's hollyjolly2024xmas, enjoy",
     "secret.password", (43, 73)),
])
def test_passwords_in_french_and_english_phrasings_block_redacted(
    guard: Guard, text: str, rule: str, span: tuple[int, int]
) -> None:
    report = guard.check(text)
    assert found(guard, text) == ("block", [(rule, *span)])
    value = text[span[0]:span[1]].split()[-1].strip("'!,")
    assert value not in str(report)


@pytest.mark.parametrize("text", [
    "clone it with git@github.com:acme-labs/tinyparser.git and run make",
    "I moved! find me at @wren@hachyderm.io from now on",
    "retrouvez-moi sur Mastodon : @camille@piaille.fr",
    "template: DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME, fill it from your .env",
    "export GITHUB_TOKEN=<YOUR_TOKEN> before running the script",
    "password: ${DB_PASSWORD} in the compose file, never the literal",
    "served the docs locally on http://127.0.0.1:8000 and it just works",
    "AWS docs use AKIAIOSFODNN7EXAMPLE as the sample access key id",
    "AWS docs example: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, relax",
    "Our tutorial uses sk_test_4eC39HqLyjWDarjtT1zdp7dc, Stripe's public test key",
    "mot de passe trop faible : « soleil2024 » est refusé par le site, normal",
    "Please don't use 'Password1!' as your password, it's in every breach list",
    "The wallet-insert SSN 078-05-1120 is the most misused number in history",
    "Replacement filter part AB123456C fits the older models too",
    "IBANs in the UK start with GB, e.g. GB82 WEST 1234 5698 7654 32 from the docs",
    "Why do government docs say OFFICIAL-SENSITIVE instead of just confidential? genuine question",
    "new blog post: how we label documents — Public, Internal, Confidential, Restricted — and "
    "why four tiers is enough",
    "formation RGPD : différence entre « Interne », « Confidentiel » et « Secret » en 10 min",
    "hot take: 'Private & Confidential' on the envelope is the best way to get it opened",
    "Congé maternité : ce qui change en 2025 pour les indépendantes",
    "Ruth Bader Ginsburg Hospitalized Again https://t.co/hjvKCX4Fs9",
    "Average developer salary in Berlin is around €65k, per the StackOverflow survey",
])
def test_false_alarms_of_batch_3_and_the_dev_drafts_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_the_aws_example_key_still_blocks_where_nothing_says_it_is_an_example(
    guard: Guard,
) -> None:
    assert found(guard, "key AKIAIOSFODNN7EXAMPLE oops") == (
        "block", [("secret.aws-access-key", 4, 24)])


# What the development drafts still miss or flag (listed in docs/history/pii-rounds.md): the set is
# held so that a change that loses a draft, or gains an alarm, shows here.
KNOWN = {  # round five catches psd4-071 ("pass for the staff portal → ...")
    "missed psd4-036",  # round eleven's scorer catches psd4-032
    # psd4-163 ("ProTip: put ...") is quiet by the marker veto; round six's public
    # institutions quiet psd4-205 ("The White House is at 1600 Pennsylvania Avenue NW ...")
}


def test_the_development_drafts_hold_their_figures(guard: Guard) -> None:
    assert misses_and_alarms(guard, DEV_4) == KNOWN


@pytest.mark.parametrize("text, verdict, rule, span", [
    ("write to jane.doe [at] example [dot] com if you found her wallet", "warn",
     "pii.email-obfuscated", (9, 40)),
    # (round fourteen: the span is the whole address, "tom dot baker ...", not "baker ...")
    ("his email is tom dot baker at gmail dot com, ping him", "warn", "pii.email-obfuscated",
     (13, 43)),
    ("ring Gareth on 07911382406, he's got 2 seats spare", "warn", "pii.phone", (15, 26)),
    ("Dave was fired this morning, security walked him out", "warn",
     "pii.special-category-situation", (9, 14)),
    ("Karine a été suspendue hier soir, personne ne sait pourquoi", "warn",
     "pii.special-category-situation", (13, 22)),
    ("our alerts bot: 7391846250:AAHk3mZq9TxV2bLw8RcN5pYs1GdJf4Ue7Qo", "block",
     "secret.saas-token", (16, 62)),
    ("Brouillon du communiqué, ne pas publier avant validation", "warn", "marker.do-not-share",
     (25, 39)),
    ("le mot-de-passe du routeur : Kiwi!Lune42", "block", "secret.password", (3, 40)),
    # (round seven: the closure these two carry makes them block; see heldout_round7_test.py)
    ("MYSQL_ROOT_PASSWORD=Sup3rS3cret! in the compose file", "block", "secret.env-password",
     (20, 32)),
    ("SMTP_PASSWORD: 'Lm4@pq88Zt'", "block", "secret.env-password", (16, 26)),
])
def test_spelt_out_addresses_bare_mobiles_dismissals_and_more_labels(
    guard: Guard, text: str, verdict: str, rule: str, span: tuple[int, int]
) -> None:
    assert found(guard, text) == (verdict, [(rule, *span)])


@pytest.mark.parametrize("text", [
    "meet me at home dot com was a terrible domain idea",
    "I don't post much anymore, mostly lurking",
    "Tracking 0712345678 says out for delivery",
    "DB_PASSWORD=${DB_PASSWORD} in the compose file",
    "Everybody is losing their jobs because of this covid thing, can't you give us a break?",
])
def test_their_look_alikes_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
