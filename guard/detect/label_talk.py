"""Cue features for the marker veto: is a confidentiality label talked about or carried?

A draft that *talks about* a label names it as a thing (the sticker, the stamp, « la mention
« usage interne » »), gives advice about it (a tip, « avant de poster ... vérifie »), or tells
of a label of the past (a declassified memo, a report now public). A draft that *carries* or
*reports* a label goes on to what the document says: a colon or "says" / « dit » and then a
figure, a date or news ("The RESTRICTED pricing sheet says the enterprise tier goes from $45
to $60"), or "but between us", or heads the draft ("Internal only: ...").

Each cue is one named feature (`l:...`) that the marker veto's scorer weighs next to the
words (tools/train_veto.py learns the weights; guard/detect/veto.py computes them for a model
that weighs them). The cues only say where to look: the weights decide, so a cue here may be
broad. Round twenty-four (docs/history/pii-rounds.md) measured them out of fold.
"""

from __future__ import annotations

import regex

_QUOTE = "[«»\"\u201c\u201d\u2018\u2019'`]"
# The labels themselves, as a draft writes them (the marker rules' own terms, shortened).
_LABEL = (
    r"(?:strictly\s+)?confidential|confidentiel(?:le)?|internal(?:\s+(?:use\s+)?only)?"
    r"|(?:[àa]\s+)?usage\s+interne|interne|restricted|diffusion\s+restreinte|top\s+secret|secret"
    r"|do\s+not\s+(?:share|forward|distribute)|ne\s+pas\s+(?:diffuser|partager)|eyes\s+only"
    r"|draft|brouillon|sous\s+embargo|embargo(?:ed)?|under\s+nda|sous\s+nda|nda"
)
# Words that name a label as a thing: the label is their object, not the draft's status.
_LABEL_NOUN = (
    r"sticker|stamp(?:ed)?|rubber\s+stamp|mention|tag(?:ged)?|label(?:led|s)?|autocollant"
    r"|tampon(?:n[ée])?|post-?it|[ée]tiquette|footer|header|pied\s+de\s+page|en-t[êe]te|banner"
    r"|bandeau|the\s+words?|les?\s+mots?|watermark|filigrane|level|niveau|colou?r|couleur"
    r"|template|mod[èe]le|classification|sign|panneau|badge"
)
_NAMED = regex.compile(
    rf"(?i)\b(?:{_LABEL_NOUN})\b[^.!?\n]{{0,25}}?{_QUOTE}\s*(?:{_LABEL})\b"
    rf"|{_QUOTE}\s*(?:{_LABEL})\s*[!.]?{_QUOTE}[^.!?\n]{{0,20}}?\b(?:{_LABEL_NOUN})\b"
)
# Advice: a tip, a reminder or a how-to heading a sentence, or the reader told what to check
# before posting.
_ADVICE = regex.compile(
    r"(?i)(?:^|[.!?\n]\s*)(?:\S+\s+)?(?:tips?|pro\s+tip|reminder|conseil|astuce|rappel"
    r"|tuto(?:riel)?|how\s+to|comment|psa|note\s+to\s+self|guide|formation|training|atelier"
    r"|workshop)\b[^.!?\n]{0,20}?:"
    r"|\b(?:before\s+you\s+(?:post|send|share|tweet|forward|screenshot)"
    r"|avant\s+d[e'\u2019]\s*(?:poster|envoyer|partager|publier|tweeter|transf[ée]rer)"
    r"|make\s+sure|double[\s-]check|v[ée]rifie[zr]?|assurez-vous|pensez\s+[àa]|always|never"
    r"|toujours|jamais)\b"
)
# A label of the past: declassified, in a museum, of another century, lifted.
_PAST = regex.compile(
    r"(?i)\b(?:declassified|d[ée]classifi[ée]e?s?|museum|mus[ée]e|archives?|historic(?:al)?"
    r"|historique|vintage|(?:in|en|from|de)\s+1[89]\d\d|no\s+longer|plus\s+de\s+mention"
    r"|enfin\s+public|now\s+public|d[ée]sormais\s+public|is\s+public\s+now|est\s+public"
    r"|made\s+public|rendu\s+public)\b"
)
# What a reported document says: a figure, a date, a month or a piece of news.
_CONTENT = (
    r"[^.!?\n]{0,80}?(?:\d|[$€£%]|\b(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december|janvier|f[ée]vrier|mars|avril|mai|juin|juillet"
    r"|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|monday|tuesday|wednesday|thursday|friday"
    r"|lundi|mardi|mercredi|jeudi|vendredi|next\s+(?:week|month|quarter)|le\s+mois\s+prochain"
    r"|missed|rat[ée]|cut|coupe|divis[ée]|layoffs?|licenciements?|rachat|repreneur|acqui\w+"
    r"|merger|fusion)\b)"
)
_SAYS = regex.compile(
    rf"(?i)(?:{_LABEL})\b[^.!?\n]{{0,60}}?(?:\s:\s?|:\s|\b(?:says|said|reads|shows|states|dit"
    rf"|indique|annonce|montre|pr[ée]voit|confirme|confirms|announces)\b){_CONTENT}"
)
# A label as the heading of the draft or of a line ("Internal only: ...", « Confidentiel — »):
# the label sits on what follows.
_HEADING = regex.compile(
    rf"(?i)(?:^|\n)\s*(?:[\[(]|{_QUOTE})?\s*(?:{_LABEL})\s*(?:[\])]|{_QUOTE})?\s*"
    r"(?:[:\-\u2013\u2014]|\s[-\u2013\u2014])"
)
# Telling anyway: what follows a label is shared all the same.
_BETWEEN_US = regex.compile(
    r"(?i)\b(?:but\s+between\s+us|between\s+you\s+and\s+me|entre\s+nous|off\s+the\s+record"
    r"|don['\u2019]t\s+tell|chut|but\s+here|mais\s+bon|bref)\b"
)

CUES = (
    ("l:label-named", _NAMED),
    ("l:advice", _ADVICE),
    ("l:past", _PAST),
    ("l:label-says", _SAYS),
    ("l:between-us", _BETWEEN_US),
    ("l:label-heading", _HEADING),
)
# How a kept finding's evidence names a cue that weighed for a leak.
READABLE = {
    "l:label-named": "a label named as a thing",
    "l:advice": "advice",
    "l:past": "a label of the past",
    "l:label-says": "a label, then what the document says",
    "l:between-us": "told anyway",
    "l:label-heading": "a label heading the draft",
}


def label_talk_cues(text: str) -> set[str]:
    """The draft's label-talk cues (`l:` features), each present or not."""
    return {name for name, pattern in CUES if pattern.search(text)}
