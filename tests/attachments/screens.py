"""Screenshots rendered with Pillow (dashboards, chats, slides, UI in English and French).

Each screen is an image and the lines of text drawn on it, with their boxes, so that tests and the
OCR benchmark compare what an engine reads with what is really there. The font is DejaVu Sans
(Debian's fonts-dejavu-core), at sizes people see on screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class Screen:
    """A rendered screenshot and the lines drawn on it, top to bottom."""

    name: str
    lang: str
    image: Image.Image
    lines: tuple[tuple[str, tuple[int, int, int, int]], ...]  # text, (x, y, w, h)

    @property
    def text(self) -> str:
        """The ground truth, one line per drawn line."""
        return "\n".join(text for text, _ in self.lines)

    def box_of(self, needle: str) -> tuple[int, int, int, int]:
        """The box of the line that holds `needle`."""
        return next(box for text, box in self.lines if needle in text)


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian: fonts-dejavu-core


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own font has no accented letters: French needs a full font.
    return ImageFont.truetype(str(FONT), size)


def render(name: str, lang: str, rows: list[tuple[str, int]], *, width: int = 900,
           bg: str = "white", fg: str = "black", bar: str | None = None) -> Screen:
    """Draw `rows` (text, font size) one under the other with a margin; optional title bar."""
    height = 40 + sum(int(size * 1.9) for _, size in rows)
    image = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(image)
    y = 20
    lines = []
    for i, (text, size) in enumerate(rows):
        font = _font(size)
        if bar and i == 0:
            draw.rectangle((0, 0, width, y + int(size * 1.6)), fill=bar)
        left, top, right, bottom = draw.textbbox((30, y), text, font=font)
        draw.text((30, y), text, font=font, fill=fg)
        lines.append((text, (left, top, right - left, bottom - top)))
        y += int(size * 1.9)
    return Screen(name, lang, image, tuple(lines))


def screens() -> list[Screen]:
    """The benchmark set: English and French UI text, dashboards, chats, slides."""
    return [
        render("dashboard-en", "en", [
            ("Project Falcon - launch readiness", 30),
            ("Owner: Platform team    Status: at risk", 22),
            ("Daily active users 48,210    Churn 2.4%", 22),
            ("Runbook: https://wiki.corp.example.com/falcon/runbook", 20),
        ], bar="#dde6f5"),
        render("chat-en", "en", [
            ("#eng-launch", 26),
            ("Maria: can we move the Falcon beta to Monday?", 22),
            ("Tom: only if the load test passes tonight", 22),
            ("Maria: ok, I will tell the client on Friday", 22),
        ]),
        render("slide-en", "en", [
            ("Quarterly review", 40),
            ("Revenue grew 12% to $3.4M", 28),
            ("Next: sign the Globex renewal", 28),
        ]),
        render("settings-fr", "fr", [
            ("Paramètres du compte", 30),
            ("Préférences de notification", 22),
            ("Enregistrer les modifications", 22),
            ("Déconnexion de tous les appareils", 22),
        ], bar="#eeeeee"),
        render("slide-fr", "fr", [
            ("Revue trimestrielle", 40),
            ("Le chiffre d'affaires a progressé de 12 %", 28),
            ("Prochaine étape : lancer le projet Falcon", 28),
        ]),
        render("chat-fr", "fr", [
            ("#équipe-produit", 26),
            ("Élodie : la démo est prête pour jeudi ?", 22),
            ("Hervé : oui, après la réunion avec le client", 22),
            ("Élodie : très bien, à demain", 22),
        ]),
    ]


def cer(read: str, truth: str) -> float:
    """Character error rate of `read` against `truth`, whitespace folded."""
    a, b = " ".join(read.split()), " ".join(truth.split())
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(1, len(b))
