"""Issue 14, round twenty-seven: markers and credentials written in a hurry. A label heading the
draft in mixed or small letters ("Internal Only: ...", « Usage interne uniquement : ... »,
"Proprietary & Confidential (lol) — ..."), a stamp described while the document's content is told
(« le doc a le tampon CONFIDENTIEL en rouge sur chaque page, mais en gros : ... »), a computer's
session or account by its system's name (« pour la session Windows c'est ... »), a login name then
its code with no connector (« identifiant admin_boutique, code ... »). A film « Confidentiel » with
its year, a question whether one may pass a labelled mail on, a stamp as a design object, advice
that puts a bad password in a condition about the reader's own ("If your password is ...") and
session or account talk without a secret stay quiet. Drafts written for this test, English and
French; none is from a held-out batch. The pack runs without the NLP model and without the
`event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, rule", [
    ("Internal Only: new training budget is cut to zero for 2027, L&D team told Friday",
     "marker.heading-label"),
    ("internal only - photos of the new store layout, opening in May 📸", "marker.heading-label"),
    ("Internal only!! history feature gets removed in v5, customers not told yet",
     "marker.heading-label"),
    ("Usage interne uniquement : photos du nouveau magasin de Lille, ouverture en mai",
     "marker.heading-label"),
    ("Interne uniquement — la formation managers est supprimée l'an prochain",
     "marker.heading-label"),
    ("Confidential (oops) \u2013 training rollout slips to Q3 because the vendor went bust",
     "marker.heading-label"),
    ("le doc a le tampon CONFIDENTIEL en rouge sur chaque page, mais en gros : on ferme le site "
     "de Rouen en juin", "marker.stamp"),
    ("Le rapport d'audit a un gros tampon « Diffusion restreinte » sur chaque page : 3 agences "
     "dans le rouge", "marker.stamp"),
    ("the audit memo came with a big red CONFIDENTIAL stamp, anyway: the Leeds depot failed 4 of "
     "6 checks", "marker.stamp"),
])
def test_round_twenty_seven_markers_warn(guard: Guard, text: str, rule: str) -> None:
    report = guard.check(text)
    assert report.verdict in ("warn", "block")
    assert rule in {f.rule for f in report.findings}


@pytest.mark.parametrize("text, secret", [
    ("pour la session Windows c'est Tr4mway! (poste de l'accueil)", "Tr4mway!"),
    ("la session Citrix du cabinet, c'est Mistral#2026 depuis lundi", "Mistral#2026"),
    ("Windows session on the front desk PC is now Harbor!Blue9, don't change it", "Harbor!Blue9"),
    ("the shared Mac account at the studio is Pelican_Dune47 🙃", "Pelican_Dune47"),
    ("le compte Windows de la compta c'est Girafe77!, bon courage", "Girafe77!"),
    ("identifiant admin_boutique, code N0rdLys.4 — pour la caisse du dimanche", "N0rdLys.4"),
    ("identifiant : jdupont, code Pivoine#22 pour le portail fournisseurs", "Pivoine#22"),
    ("login ops_bot and code Rq8#pLw2 for the Grafana dashboard", "Rq8#pLw2"),
])
def test_round_twenty_seven_credentials_block(guard: Guard, text: str, secret: str) -> None:
    report = guard.check(text)
    secrets = [f for f in report.findings if f.category == "secret"]
    assert report.verdict == "block"
    assert [f.rule for f in secrets] == ["secret.credential-prose"]
    assert text[secrets[0].start:secrets[0].end] == secret
    assert secret not in outputs(guard, text)


@pytest.mark.parametrize("text", [
    "Internal only: what does that even mean on a slide that's on SlideShare?",
    "Diffusion restreinte : c'est quoi exactement, juridiquement ?",
    "Confidentiel (1955) d'Orson Welles, enfin restauré en 4K !",
    "« Confidentiel » (1955) ressort en salles, une pépite",
    "Usage interne uniquement 🤭 c'est ce qu'on a écrit sur la boîte de chocolats de la salle de "
    "pause",
    "The CONFIDENTIAL stamp font is a whole aesthetic, using it for our escape room posters",
    "my kid's drawing has a big TOP SECRET stamp on it 😂",
    "Puis-je transférer un mail « diffusion restreinte » à mon prestataire ? Question sérieuse",
    "Diffusion restreinte sur un compte rendu de réunion : puis-je le transférer à mon équipe",
    "Can I forward an email marked internal only to my contractor? asking for real",
    "If your password is 'password123' or 'Summer2024!', this is your sign to change it",
    "If your password is still Summer2024!, change it today 🙏",
    "Si ton mot de passe c'est encore Azerty123!, change-le maintenant",
    "Si votre mot de passe est « Soleil2024! », il est temps d'en changer",
    "new session on Windows security tomorrow, slides at Intro_Win11",
    "la session Windows met 5 minutes à s'ouvrir, c'est le nouveau GPO_2026 qui fait ça",
    "le compte Mac de l'atelier s'appelle Studio_Mac2, demandez le mdp à Paul",
    "identifiant client, code promo SOLDES2026 valable jusqu'à dimanche",
    "login page, code review tomorrow for PR_4521",
])
def test_round_twenty_seven_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.xfail(strict=True, reason="the question mark closes the draft past marker."
                   "confidential's ten-token window, and « je peux le transférer » without it is "
                   "as often a statement")
def test_a_late_question_about_passing_a_label_on(guard: Guard) -> None:
    text = ("Diffusion restreinte sur un compte rendu de réunion, je peux le transférer à mon "
            "équipe ?")
    assert found(guard, text) == ("allow", [])
