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

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NEG_EN = _words("don dont do didn did never nobody no one can cannot mustn must shouldn should "
                 "won not")
_VERB_EN = _words(_TELL_EN.replace("|", " ").replace("breathe a word", "breathe"))
_VERB_FR = _words(_TELL_FR.replace("|", " "))
_NEG_FR = _words("ne n en pas rien")
_AHEAD = _words("until till til before ahead pending")
_OFFICIAL = _words("official officially officials officiel officiels officielle officielles "
                   "officiellement")
# (words the draft must have, one of each set; the pattern), so that a draft is searched only
# for the patterns it could hold: most posts are searched for none (one search of them all
# costs ~90 µs a post, the gates ~2 µs).
_GATED = (
    # telling negated or forbidden: "I didn't tell you", "do NOT talk about", "don't post",
    # "nobody post it", "never mentioned it", "can't say more", "not supposed to share"
    ((_NEG_EN, _VERB_EN),
     rf"(?<!\w)(?:don't|dont|do not|didn't|did not|never|nobody|no one|can't|cannot|can not|"
     rf"mustn't|must not|shouldn't|should not|won't|not allowed to|not supposed to|not to)"
     rf"(?!\s+(?:wait|help|believe|stop|forget|even)\b)(?:\s+\S+){{0,2}}?\s+(?:{_TELL_EN})"
     rf"(?!\w)"),
    ((_NEG_EN, _words("hear heard read saw see")),
     r"(?<!\w)(?:never|didn't|did not|don't|do not) (?:hear|heard|read|saw|see)"
     r"(?: (?:it|this|that|about it))? (?:from me|here)(?!\w)"),
    # telling rationed: "all I'm allowed to say", "that's all I can say", "can't say more"
    ((_words("allowed permitted able free"),),
     r"(?<!\w)(?:allowed|permitted|able|free) to (?:say|share|tell|talk|post|discuss)(?!\w)"),
    ((_words("more"),),
     r"(?<!\w)(?:say|share|tell) (?:any )?more(?: yet| for now| until| till)(?!\w)"),
    # keeping it in: "keep it off the group chat", "keep this between us", "keeping it offline"
    ((_words("keep keeping"),),
     r"(?<!\w)keep(?:ing)? (?:it|this|that|them|these|those)(?: \w+)? (?:off|out of|offline|"
     r"between|to your|under|quiet|secret|internal|down low|hush)(?!\w)"),
    # a disclosure still to come: "until the bank announces", "before the announcement drops",
    # "isn't out till Nov 2", "before it's official"
    ((_AHEAD,),
     r"(?<!\w)(?:until|till|til|before|ahead of|pending)(?:\s+\S+){0,3}?\s+(?:announc\w*|"
     r"official\w*|goes public|go public|is public|press|drops|goes out|is out|comes out|"
     r"are out|come out|released|publish\w*|disclos\w*)(?!\w)"),
    ((_words("out public official"), _words("yet till until before")),
     r"(?<!\w)(?:isn't|is not|aren't|are not|not) (?:out|public|official)(?: \w+)? "
     r"(?:yet|till|until|before)(?!\w)"),
    ((_OFFICIAL,),
     r"(?<!\w)official\w*(?:\s+\S+){0,2}?\s+(?:come out|comes out|drops?|goes out|is out|"
     r"lands?|out (?:on|in|next))(?!\w)"),
    ((_words("news press papers"),),
     r"(?<!\w)(?:you'll|you will) (?:read|hear|learn|see)(?:\s+\S+){0,3}?\s+(?:in|from|on) "
     r"the (?:news|press|papers)(?!\w)"),
    # French: telling negated or forbidden: « n'en parler à personne », « ne le dites pas »,
    # « on a pas le droit d'en parler », « j'en dis pas plus »
    ((_NEG_FR, _VERB_FR),
     rf"(?<!\w)(?:ne|n')\s*(?:\S+\s+){{0,2}}?(?:{_TELL_FR})(?:\s+\S+){{0,3}}?\s+(?:personne|"
     rf"rien|jamais)(?!\w)"),
    ((_NEG_FR, _VERB_FR),
     r"(?<!\w)(?:ne|n')\s*(?:le |l'|en |la |les )?(?:dites|répétez|postez|publiez|partagez|"
     r"ébruitez|parlez)(?: \w+)? pas(?!\w)"),
    ((_NEG_FR, _VERB_FR), rf"(?<!\w)(?:n'en|ne pas en|pas en|rien en) (?:{_TELL_FR})(?!\w)"),
    ((_words("droit censé censée censés censées"),),
     r"(?<!\w)(?:pas|rien) (?:le droit|le droit d'en|censée?s? en|censée?s?) (?:de )?(?:dire|"
     r"parler|publier|poster)(?!\w)"),
    ((_words("plus"), _words("dis dire dirai dirais dit")),
     r"(?<!\w)(?:en dis|en dire|en dirai|en dirais|en dit)(?: \w+)? (?:pas |rien de )?plus"
     r"(?!\w)"),
    # French: a disclosure still to come: « vous l'apprendrez dans la presse », « les chiffres
    # officiels sortent en juillet », « avant que ce soit officiel »
    ((_words("apprendrez lirez saurez découvrirez"),),
     r"(?<!\w)(?:apprendrez|lirez|saurez|découvrirez)(?:\s+\S+){0,3}?\s+(?:presse|journaux|"
     r"médias|news|journal)(?!\w)"),
    ((_OFFICIAL,),
     r"(?<!\w)officiel\w*(?:\s+\S+){0,2}?\s+(?:sort\w*|tombe\w*|paraî\w*|paraissent)(?!\w)"),
    ((_words("avant jusqu"),),
     r"(?<!\w)(?:avant que|jusqu'à ce que)(?:\s+\S+){0,3}?\s+(?:officiel\w*|annonc\w*|"
     r"publi\w*|sorte|sortent)(?!\w)"),
    # An insider's wink: the author lets the reader guess what they know and cannot say ("ask me
    # how I know", "if you catch my drift", « je vous laisse deviner », « interprétez comme
    # vous voulez », "wish I could tell you when").
    ((_words("know drift read conclusion conclusions dots math means think were wish saying "
             "deviner devinez interprétez conclusions entendeur dis place regard"),),
     r"(?<!\w)(?:ask me how i know|if you catch my drift|read into (?:it|that|this)|"
     r"draw your own conclusions?|connect the dots|do the math|you know what (?:that|this) "
     r"means|that means what you think|you know\. you just know|if i were you|wish i could "
     r"(?:tell|say|share)|i'm not saying|just saying|i know why|"
     r"je vous laisse deviner|vous devinez la suite|devinez (?:la suite|pourquoi|qui|quoi)|"
     r"interprétez comme vous voulez|tirez vos propres conclusions|à bon entendeur|"
     r"j'dis ça|je dis ça|je dis juste|à votre place|suivez mon regard|je dis rien)(?!\w)"),
)
SECRECY = tuple((gate, re.compile(p, re.IGNORECASE)) for gate, p in _GATED)
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
    r"(?:[\w'-]+\s+){1,6}?(?<!seeker )(?<!customer )(?<!user )(?<!fan )(?<!reader )"
    r"(?<!parent )(?<!student )(?<!client )(?<!cliente )(?<!lurker )(?:here|ici)\s*[:—-]"
    r"|(?<!\w)(?:badge holder|fellow \w+ (?:employees|staff|colleagues)|"
    r"(?:employees|staff|colleagues|coworkers) (?:of|at)\b|collègues (?:de|d'|chez)|"
    r"(?:d'un|d'une) (?:employée?|salariée?|vendeuse|vendeur|caissière|caissier)|"
    r"(?:un|une) (?:employée?|salariée?) (?:de|d'|chez))",
    re.IGNORECASE,
)


_INSIDE_TRIGGERS = _words("here ici badge fellow employees staff colleagues coworkers collègues "
                          "employé employée salarié salariée vendeuse vendeur caissière caissier")
_WORD = re.compile(r"\w+")


def _searched(words: list[str] | set[str] | frozenset[str]) -> list[re.Pattern[str]]:
    """The secrecy patterns a draft with these `\\w+` tokens could hold."""
    words = words if isinstance(words, (set, frozenset)) else set(words)
    return [p for gate, p in SECRECY if all(not g.isdisjoint(words) for g in gate)]


def secrecy(folded: str) -> list[Span]:
    """`nonpublic` spans of a draft whose apostrophes are straight (cues.fold), and `own` ones
    for an order given at work or a role there."""
    words = set(_WORD.findall(folded.casefold()))
    found = sorted((m.start(), -m.end()) for p in _searched(words) for m in p.finditer(folded))
    out: list[Span] = []
    for start, end in ((a, -b) for a, b in found):  # of overlapping matches, the leftmost longest
        if not out or start >= out[-1].end:
            out.append(Span("nonpublic", start, end, folded[start:end]))
    if out:
        out += [Span("own", m.start(), m.end(), m.group()) for m in ORDER.finditer(folded)]
    if not _INSIDE_TRIGGERS.isdisjoint(words):
        out += [Span("own", m.start(), m.end(), m.group()) for m in INSIDE.finditer(folded)]
    return out


def secrecy_groups(low: str, words: list[str] | None = None) -> set[str]:
    """The groups `secrecy` finds in a casefolded draft, without their spans (the fast path);
    `words`: its `\\w+` tokens or a superset of them (cues' tokens), when the caller has them."""
    words = set(_WORD.findall(low) if words is None else words)
    own = {"own"} if inside(low, words) else set()
    if not any(p.search(low) for p in _searched(words)):
        return own
    return {"nonpublic", "own"} if ORDER.search(low) else {"nonpublic"} | own


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


def inside(low: str, words: set[str] | None = None) -> bool:
    """The casefolded draft speaks from inside a company without "we" ("barista here:");
    `words`: its `\\w+` tokens or a superset of them, when the caller has them."""
    words = set(_WORD.findall(low)) if words is None else words
    return not _INSIDE_TRIGGERS.isdisjoint(words) and bool(INSIDE.search(low))


def labels(low: str) -> bool:
    """The casefolded draft names secrecy labels (a list of classification levels, a quoted
    "confidential"): it explains them, it does not keep a secret."""
    return bool(LABELS.search(low))
