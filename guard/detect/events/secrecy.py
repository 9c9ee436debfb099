"""Secrecy said in grammar, not in a listed phrase: telling forbidden, disclosure still to come.

Round ten: a third of untouched batch 12's misses said outright that the news was not out ("I
didn't tell you", "keep it off the group chat", "before the announcement drops", « La
direction nous demande de n'en parler à personne », « Vous l'apprendrez dans la presse ») in
words no `nonpublic` phrase held. Listing each wording is what the cue lists already do and
what fresh writers outrun; these patterns name the grammar instead: a verb of telling that is
negated or forbidden, telling that is rationed ("all I'm allowed to say"), a disclosure that is
still to come ("until the bank announces", "the official figures come out in July"). Each is a
`nonpublic` cue for the scorer and the decision, as a listed phrase is. An order given at work
("Security says don't post about it", « la direction nous demande de n'en parler à personne »)
also names the author's employer (`own`).
"""

from __future__ import annotations

import re

from guard.detect.events.cues import Span

_TELL_EN = (r"tell|told|telling|post|posting|share|sharing|talk|talking|say|said|mention|"
            r"repeat|leak|spread|tweet|discuss|publish|speak|breathe a word|spill")
_TELL_FR = (r"dire|dites|dis|dit|parler|parlez|parle|répéter|répétez|répète|poster|postez|"
            r"publier|publiez|partager|partagez|ébruiter|divulguer|évoquer|mentionner")
_GAP = r"(?:\s+\S+){0,3}?\s+"  # up to three words between (pronouns, adverbs, "about it")

_PATTERNS = (
    # telling negated or forbidden: "I didn't tell you", "do NOT talk about", "don't post",
    # "nobody post it", "never mentioned it", "can't say more", "not supposed to share"
    rf"(?<!\w)(?:don't|dont|do not|didn't|did not|never|nobody|no one|can't|cannot|can not|"
    rf"mustn't|must not|shouldn't|should not|won't|not allowed to|not supposed to|not to)"
    rf"(?!\s+(?:wait|help|believe|stop|forget|even)\b)(?:\s+\S+){{0,2}}?\s+(?:{_TELL_EN})(?!\w)",
    r"(?<!\w)(?:never|didn't|did not|don't|do not) (?:hear|heard|read|saw|see)"
    r"(?: (?:it|this|that|about it))? (?:from me|here)(?!\w)",
    # telling rationed: "all I'm allowed to say", "that's all I can say", "can't say more"
    r"(?<!\w)(?:allowed|permitted|able|free) to (?:say|share|tell|talk|post|discuss)(?!\w)",
    r"(?<!\w)(?:say|share|tell) (?:any )?more(?: yet| for now| until| till)(?!\w)",
    # keeping it in: "keep it off the group chat", "keep this between us", "keeping it offline"
    r"(?<!\w)keep(?:ing)? (?:it|this|that|them|these|those)(?: \w+)? (?:off|out of|offline|"
    r"between|to your|under|quiet|secret|internal|down low|hush)(?!\w)",
    # a disclosure still to come: "until the bank announces", "before the announcement drops",
    # "isn't out till Nov 2", "before it's official"
    r"(?<!\w)(?:until|till|til|before|ahead of|pending)(?:\s+\S+){0,3}?\s+(?:announc\w*|"
    r"official\w*|goes public|go public|is public|press|drops|goes out|is out|comes out|"
    r"are out|come out|released|publish\w*|disclos\w*)(?!\w)",
    r"(?<!\w)(?:isn't|is not|aren't|are not|not) (?:out|public|official)(?: \w+)? "
    r"(?:yet|till|until|before)(?!\w)",
    r"(?<!\w)official\w*(?:\s+\S+){0,2}?\s+(?:come out|comes out|drops?|goes out|is out|"
    r"lands?|out (?:on|in|next))(?!\w)",
    r"(?<!\w)(?:you'll|you will) (?:read|hear|learn|see)(?:\s+\S+){0,3}?\s+(?:in|from|on) the "
    r"(?:news|press|papers)(?!\w)",
    # French: telling negated or forbidden: « n'en parler à personne », « ne le dites pas »,
    # « on a pas le droit d'en parler », « j'en dis pas plus »
    rf"(?<!\w)(?:ne|n')\s*(?:\S+\s+){{0,2}}?(?:{_TELL_FR})(?:\s+\S+){{0,3}}?\s+(?:personne|"
    rf"rien|jamais)(?!\w)",
    r"(?<!\w)(?:ne|n')\s*(?:le |l'|en |la |les )?(?:dites|répétez|postez|publiez|partagez|"
    r"ébruitez|parlez)(?: \w+)? pas(?!\w)",
    rf"(?<!\w)(?:n'en|ne pas en|pas en|rien en) (?:{_TELL_FR})(?!\w)",
    r"(?<!\w)(?:pas|rien) (?:le droit|le droit d'en|censée?s? en|censée?s?) (?:de )?(?:dire|"
    r"parler|publier|poster)(?!\w)",
    r"(?<!\w)(?:en dis|en dire|en dirai|en dirais|en dit)(?: \w+)? (?:pas |rien de )?plus(?!\w)",
    # French: a disclosure still to come: « vous l'apprendrez dans la presse », « les chiffres
    # officiels sortent en juillet », « avant que ce soit officiel »
    r"(?<!\w)(?:apprendrez|lirez|saurez|découvrirez)(?:\s+\S+){0,3}?\s+(?:presse|journaux|"
    r"médias|news|journal)(?!\w)",
    r"(?<!\w)officiel\w*(?:\s+\S+){0,2}?\s+(?:sort\w*|tombe\w*|paraî\w*|paraissent)(?!\w)",
    r"(?<!\w)(?:avant que|jusqu'à ce que)(?:\s+\S+){0,3}?\s+(?:officiel\w*|annonc\w*|publi\w*|"
    r"sorte|sortent)(?!\w)",
)
# An insider's wink: the author lets the reader guess what they know and cannot say ("ask me how
# I know", "if you catch my drift", « je vous laisse deviner », « interprétez comme vous
# voulez », "wish I could tell you when").
_WINK = (
    r"(?<!\w)(?:ask me how i know|if you catch my drift|read into (?:it|that|this)|"
    r"draw your own conclusions?|connect the dots|do the math|you know what (?:that|this) means|"
    r"that means what you think|you know\. you just know|if i were you|wish i could (?:tell|say|"
    r"share)|i'm not saying|just saying|i know why|"
    r"je vous laisse deviner|vous devinez la suite|devinez (?:la suite|pourquoi|qui|quoi)|"
    r"interprétez comme vous voulez|tirez vos propres conclusions|à bon entendeur|"
    r"j'dis ça|je dis ça|je dis juste|à votre place|suivez mon regard|je dis rien)(?!\w)",
)
SECRECY = re.compile("|".join(f"(?:{p})" for p in _PATTERNS + _WINK), re.IGNORECASE)
# An order given at work: someone of the employer tells staff to keep it in.
ORDER = re.compile(
    r"(?<!\w)(?:security|ops|legal|hr|pr|comms|compliance|admin|management|leadership|"
    r"the boss|my boss|my manager|our manager|la direction|le juridique|la com|la sécu|"
    r"la sécurité|la drh|mon chef|ma cheffe|mon boss|le patron)\s+(?:says?|said|told us|"
    r"asked us|wants us|ordered|demande|nous demande|a demandé|nous a demandé|a dit|"
    r"nous a dit|dit)(?!\w)",
    re.IGNORECASE,
)


# Someone who speaks from inside a company without "we": a role there ("barista here", "a Velmora
# badge holder"), its staff addressed (« collègues de Vinéo », "fellow Cobaltware employees").
INSIDE = re.compile(
    r"^\s*(?!(?:i|i'm|we|we're|it|it's|happy|glad|so|just|back|finally|still)\b)"
    r"(?:[\w'-]+\s+){1,6}?(?:here|ici)\s*[:—-]"
    r"|(?<!\w)(?:badge holder|fellow \w+ (?:employees|staff|colleagues)|"
    r"(?:employees|staff|colleagues|coworkers) (?:of|at)\b|collègues (?:de|d'|chez)|"
    r"(?:d'un|d'une) (?:employée?|salariée?|vendeuse|vendeur|caissière|caissier)|"
    r"(?:un|une) (?:employée?|salariée?) (?:de|d'|chez))",
    re.IGNORECASE,
)


def secrecy(folded: str) -> list[Span]:
    """`nonpublic` spans of a draft whose apostrophes are straight (cues.fold), and `own` ones
    for an order given at work or a role there."""
    out = [Span("nonpublic", m.start(), m.end(), m.group()) for m in SECRECY.finditer(folded)]
    if out:
        out += [Span("own", m.start(), m.end(), m.group()) for m in ORDER.finditer(folded)]
    return out + [Span("own", m.start(), m.end(), m.group()) for m in INSIDE.finditer(folded)]


def secrecy_groups(low: str) -> set[str]:
    """The groups `secrecy` finds in a casefolded draft, without their spans (the fast path)."""
    inside = {"own"} if INSIDE.search(low) else set()
    if not SECRECY.search(low):
        return inside
    return {"nonpublic", "own"} if ORDER.search(low) else {"nonpublic"} | inside


# A secrecy word named rather than used (round ten: pii batch 10's hard negatives): classification
# levels listed ("Public, Internal, Confidential, Restricted", « public, interne, confidentiel,
# secret ») or the word quoted (« à quoi servent les mentions « confidentiel » »).
_LEVEL = (r"(?:public|publique|internal|interne|confidential|confidentiel|confidentielle|"
          r"restricted|restreint|restreinte|diffusion restreinte|secret|top secret|"
          r"strictly confidential|sensitive|sensible|c[0-4])")
LABELS = re.compile(
    rf"(?<!\w){_LEVEL}\s*(?:,|/|;|>|→|\band\b|\bor\b|\bet\b|\bou\b)\s*{_LEVEL}\s*"
    rf"(?:,|/|;|>|→|\band\b|\bor\b|\bet\b|\bou\b)\s*{_LEVEL}(?!\w)"
    r"|[\"«“']\s*(?:confidential|confidentiel|confidentielle|secret|internal|interne|top secret|"
    r"nda|embargo|restricted|internal only|for internal use only)\s*[\"»”']",
    re.IGNORECASE,
)


def labels(low: str) -> bool:
    """The casefolded draft names secrecy labels (a list of classification levels, a quoted
    "confidential"): it explains them, it does not keep a secret."""
    return bool(LABELS.search(low))
