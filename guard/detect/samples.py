"""Nobody's data: sample and placeholder values, and values in a warning, explainer or story.

A rule opts in with `unless:` in its rule file (`unless: [sample, placeholder, warning,
explainer, story, offer]`); the pattern detector then drops a match, after its validators, when
one of the named checks says it is nobody's: a documented sample number (the SSN on a wallet
insert, Stripe's and the networks' test cards) or a run of sequential or repeated digits
(`sample`), a placeholder word next to the value or inside it (`placeholder`), a scam warning
(`warning`), a format explainer (`explainer`) or a novel or film (`story`) in the value's
sentence, an organisation offering its own contact or bank details for people to use
(`offer`), or the author announcing their own new number or mailbox (`announced`).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from guard.detect.lazy import LazyPattern

if TYPE_CHECKING:
    import regex

# Documented samples, compared without spaces, dots and dashes, upper case.
_DOCUMENTED = frozenset(
    {
        # US SSNs: the sequential one every explainer quotes, Woolworth's wallet card, an ad's.
        "123456789", "078051120", "219099999", "987654320",
        # No example IBANs: drafts use the standard ones as stand-ins for a real person's
        # (dev-8's "le compte de Julie : FR14 2004 ..."); an organisation's own IBAN is quiet
        # by its offer ("donations", "notre compte") instead.
        # Stripe's and the networks' test cards.
        "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222",
        "5200828282828210", "378282246310005", "371449635398431", "6011111111111117",
        "3056930009020004", "36227206271667", "4111111111111111", "4012888888881881",
        "5105105105105100",
        # Round thirty (pii batch 34: "Use 4000 0000 0000 0002 to test a decline"): Stripe's
        # documented decline, 3D Secure and fraud test cards, published for anyone to type.
        "4000000000000002", "4000000000009995", "4000000000009987", "4000000000009979",
        "4000000000000069", "4000000000000127", "4000000000000119", "4000002500003155",
        "4000002760003184", "4000000000003220", "4000000000000077", "4000000000000341",
        "4100000000000019", "4000000000000259",
    }
)
_STRIP = str.maketrans("", "", " .-\u00a0\u202f")
_DIGIT_RUN = LazyPattern(r"\d{6,}")
_RUN = LazyPattern(r"[A-Z0-9/]+")


def _sequential(digits: str) -> bool:
    """123456789, 987654321, 000000000: a run anyone types as an example."""
    if len(set(digits)) == 1:
        return True
    steps = {int(b) - int(a) for a, b in pairwise(digits)}
    return steps in ({1}, {-1})  # no wrap: "09876543" is a passport number, not a run


def sample_value(value: str) -> bool:
    """A documented sample value, or an identifier made of sequential or repeated digits."""
    compact = value.translate(_STRIP).upper()
    if compact in _DOCUMENTED or any(run in _DOCUMENTED for run in _RUN.findall(compact)):
        return True
    # Sequential runs count in a number (an SSN, a card, a passport), not in a token whose
    # random part happens to hold "1234567890".
    alnum = [ch for ch in compact if ch.isalnum()]
    digits = sum(ch.isdigit() for ch in alnum)
    if not alnum or digits < 0.7 * len(alnum):
        return False
    runs = _DIGIT_RUN.findall(compact)
    return bool(runs) and all(_sequential(run) for run in runs)


# Words next to a value that make it a placeholder ("the example passport number", "valeur
# bidon", "!ChangeMe!").
_PLACEHOLDER_WORDS = (
    # ("mine for example:", « le mien par exemple » offers one's own value as the example)
    r"(?<!\b(?:mine|le\s+mien|la\s+mienne|my\s+own)[,\s]+(?:for|par)\s+)ex[ae]mples?"
    # ("wants the samples sent to his home": goods shipped are no sample value, round fourteen)
    # (round sixteen: « qu'on lui envoie les échantillons chez lui », the verb conjugated)
    # (round nineteen: "wants the samples at home this time", « veut les échantillons chez
    # elle »: goods someone wants delivered)
    r"|(?<!\b(?:send|ship|post|mail|deliver|envoyer|envoie|envoient|envoyez|envoyons"
    r"|exp[ée]dier|exp[ée]die|livrer|livre|wants?|needs?|veut|veulent)\s+(?:the\s+|our\s+|your\s+"
    r"|les\s+|des\s+|nos\s+|vos\s+|ses\s+|his\s+|her\s+|their\s+)?)(?:samples?|échantillons?)"
    r"(?!\s+(?:sent|shipped|delivered|posted|mailed|envoy[ée]s|livr[ée]s|exp[ée]di[ée]s"
    r"|(?:at|to)\s+(?:home|his|her|their)\b|chez\s+(?:lui|elle|eux)\b|[àa]\s+domicile"
    # (round twenty: "she asked for the samples to go to her", « que les échantillons partent
    # chez elle »: goods going to a person)
    r"|(?:to\s+)?(?:go|goes|going|be\s+(?:sent|shipped|delivered|posted))\s+(?:to|at)\s+(?:him|her|them|his|their)\b"
    r"|(?:partent|aillent|arrivent|soient\s+(?:envoy[ée]s|livr[ée]s))\s+chez\s+(?:lui|elle|eux)\b))"
    # (round twenty, val-21: "tried to scam our brand with fake follower numbers: x@..." tells
    # what the person faked, not that the value is)
    r"|fake(?!\s+(?:followers?|follower\s+(?:numbers?|counts?)|reviews?|likes|news)\b)|dummy|bidon|fictif|fictive|placeholders?"
    r"|changeme|test\s+card|carte\s+de\s+test|made[\s-]up|invent[ée]e?"
    # round thirteen: a range reserved for fiction or documentation ("555-0100 to 555-0199 ...
    # reserved for fiction", « numéros fictifs »); a leak's number is never called fictional
    r"|fiction(?:al|nel(?:le)?s?)?|fictitious"
    # round sixteen: test data presented as such (« dans les jeux de test, mettez ... », the
    # German specimen passport of "Erika Mustermann"); not "to test", "pour tester", which a
    # leak's sentence holds ("la clé OpenAI de l'équipe pour tester vite fait : sk-...")
    r"|(?:test|QA)\s+(?:data|fixtures?|accounts?|users?)"
    r"|jeux?\s+de\s+(?:test|donn[ée]es\s+de\s+test)|donn[ée]es\s+de\s+test|sp[ée]cimens?|mustermann"
    # after round sixteen: a template presented as such (« Modèle d'adresse pour vos tests »,
    # "address template"): the value fills a form, it is nobody's
    r"|mod[èe]les?\s+d['\u2019](?:adresse|e-?mail|iban)|(?:address|e-?mail|iban)\s+templates?"
)
# A scam warning, a format explainer, a story: the value in that sentence is nobody's.
_WARNING_WORDS = (
    r"scam\w*|arnaques?|escroquerie|phishing|hame[çc]onnage|faux\s+(?:mail|sms|message|site)"
    # round twenty-seven (issue 14): a fraud team or department told about a case is no
    # warning ("Fraud team: Dana Whitfield's SSN ... was used on three applications", « signalé
    # au service fraude »): the value is the named person's; a real warning has its own words
    r"|fraud\w*(?!\s+(?:team|department|dept|desk|unit|squad|ops|investigators?|analysts?"
    r"|investigations?|prevention\s+team)\b)(?<!(?:service|[ée]quipe|cellule|p[ôo]le"
    r"|d[ée]partement)\s+(?:de\s+la\s+)?fraud\w*)"
    r"|spoof\w*|never\s+(?:dm|ask|call|text|e-?mail)|ne\s+(?:vous\s+)?demandera\s+jamais"
)
# "the SSN format is ..." introduces an explainer; "... is that the right format?" after a
# colleague's number asks about a real one (the sentence is "before \0 after").
_EXPLAINER_WORDS = r"format(?=[^\0]*\0)"
_STORY_WORDS = (
    r"in\s+the\s+(?:novel|book|film|movie|game|show|series)|dans\s+(?:le|la)\s+"
    r"(?:roman|film|série|jeu|livre|BD)|novel|roman\b|heist|chapter|chapitre|screenplay"
    # round twenty-nine (issue 14): an escape room's padlock or safe code is the game's
    # ("Escape room with the team last night: final padlock code was 1-9-6-9", « À l'escape
    # game, le code du coffre c'était 7-3-1 »), written in nine batches by both writers
    r"|escape[\s-]?(?:rooms?|games?)|jeux?\s+d['\u2019][ée]vasion"
    # round twenty-nine (issue 14, pii batch 31, val-31: « Dans mon polar, l'inspectrice habite
    # 4 place du Marché, 29200 Brest »): a crime novel, a manuscript
    r"|polar|thriller|manuscrit|manuscript"
)
# A person of the organisation ("write to our former intern Hugo ..."): their detail is theirs.
_MEMBER = (
    r"(?:(?:former|old|new|ancien(?:ne)?|nouvel(?:le)?|nouveau|ex)[\s-]+)?(?:intern|colleague"
    r"|friend|neighbou?r|employee|manager|boss|stagiaire|coll[eè]gue|amie?|voisine?"
    r"|salari[ée]e?|employ[ée]e?|cheff?e|directeur|directrice|son|daughter|fils|fille)\b"
)
# An organisation offering its own details for people to use: donations, bookings, its number.
_OFFERED_WORDS = (
    r"donations?|donate|dons|faire\s+un\s+don|pour\s+(?:nous\s+)?soutenir|to\s+support\s+us"
    r"|virement\s+(?:possible\s+)?sur\s+notre|book\s+(?:a|your)\s+\w+|book\s+(?:on|online)"
    r"|to\s+(?:reserve|book)\b(?=\s*[,:]|\s+(?:a|an|your|online|call|ring|text|e-?mail|contact)\b)|pour\s+(?:r[ée]server|prendre\s+rendez-vous)"
    r"|emergency\s+line|ligne\s+d['\u2019]urgence|24/7|24h/24|7j/7|new\s+patients|nouveaux\s+patients"
    r"|my\s+newsletter|ma\s+newsletter"
    r"|pay\s+your\s+\w+(?:\s+\w+)?\s+to|payez\s+votre|r[ée]glez\s+votre|cotisations?|membership\s+fees?"
    r"|permanence\s+t[ée]l[ée]phonique|nouveau\s+num[ée]ro\s+du\s+(?:secr[ée]tariat|cabinet)|our\s+new\s+number"
    r"|for\s+(?:commissions?|bookings?|enquiries|inquiries|quotes?|collabs?|collaborations?)"
    r"|pour\s+(?:les|vos|des)\s+(?:s[ée]ances|devis|commandes|r[ée]servations|collaborations|collabs?"
    r"|partenariats|rendez-vous|rdv)"
    r"|(?:booking|appointment|reservations?|enquiry|enquiries)\s+line|prise\s+de\s+(?:rdv|rendez-vous)"
    r"|pour\s+les\s+urgences|(?:cabinet|clinique|clinic|club|association|mairie|secr[ée]tariat|standard|pharmacie)\b[^.!?\n]{0,30}\bjoignable"
    # round eighteen (pii batch 18): an after-sales or customer service line given to the
    # public (« Le SAV est joignable au », "customer care is available on", « le service client
    # répond au »)
    r"|(?:sav|service\s+(?:client(?:s|[èe]le)?|apr[èe]s-vente|consommateurs?)|customer\s+(?:service|care|support)"
    r"|after-sales|helpdesk|help\s+desk|hotline)\b[^.!?\n]{0,30}\b(?:joignables?|reachable|available"
    r"|r[ée]pond|answers|ouvert|open)|subs\s+(?:are\s+)?due|(?:pay|to)\s+the\s+club\s+account"
    # an organisation's own line or mailbox: "our workshop line is", "wholesale enquiries",
    # « pour candidater, envoyez ... », « le standard de la mairie »
    r"|(?:our|notre)\s+(?:[\w-]+\s+){0,2}?(?:line|hotline|helpline|ligne|standard)(?=\s+(?:is|est|:|au|at|on)\b|\s*:)"
    # round fourteen: "Our Glasgow branch number is", « le numéro de notre agence de Nantes »
    r"|(?:our|notre|nos)\s+(?:[\w-]+\s+){0,2}?(?:branch|office|shop|store|surgery|practice|agence"
    r"|boutique|magasin|succursale|cabinet)(?:[\u2019']s)?\s+(?:(?:main|phone|tel)\s+)?(?:number|line"
    r"|phone)\b|num[ée]ro\s+(?:de\s+t[ée]l[ée]phone\s+)?de\s+notre\s+(?:agence|boutique|magasin"
    r"|succursale|cabinet)\b"
    r"|(?:wholesale|trade|press|media|business|general|sales|commercial)\s+(?:enquiries|inquiries)"
    r"|pour\s+(?:candidater|postuler)|to\s+apply\b|(?:le\s+)?standard\s+(?:de\s+la|du|des|de\s+l['\u2019])\s+\w+"
    r"|(?:students|anyone|readers|everyone|folks)\b[^.!?\n]{0,40}\b(?:e-?mail|write\s+to|dm)\s+me"
    # round twelve: an organisation speaking to the public without "our": "reach us on",
    # "Call ahead for cakes:", « contactez-nous au », « joignable au » after opening hours
    r"|(?:reach|contact|ring|text|phone|whats\s?app|message)\s+us|call\s+ahead|give\s+us\s+a\s+(?:call|ring)"
    r"|(?:contactez|joignez|appelez|[ée]crivez)[- ]nous|nous\s+(?:contacter|joindre|[ée]crire)"
    # round thirteen: an organisation's own desk or branch ("Reach our newsroom at", « Notre
    # agence de Genève est joignable au ») and its press service ("service presse", "press
    # office", review copies, « livres à chroniquer ») give their published details
    rf"|(?:reach|contact|call|ring|e-?mail|write\s+to|text|phone)\s+our\b(?!\s+(?:[\w-]+\s+)?{_MEMBER})"
    rf"|(?:contacter|joindre|appeler|[ée]crire\s+[àa])\s+(?:notre|nos)\b(?!\s+(?:[\w-]+\s+)?{_MEMBER})"
    r"|(?:notre|nos|our)\s+[\w-]+\b[^.!?\n]{0,40}\b(?:joignables?|reachable|available\s+(?:at|on))"
    r"|service\s+(?:de\s+)?presse|relations?\s+(?:presse|m[ée]dias)|contact\s+presse"
    r"|press\s+(?:office|service|contact|desk|team)|review\s+cop(?:y|ies)|[àa]\s+chroniquer"
    # round twenty-three (pii batch 24: "Write to recalls@... and our team answers within
    # 48h"): a team or a service that answers the public, « réponse sous 24 h »
    r"|(?:our|notre)\s+(?:[\w-]+\s+){0,2}?(?:team|[ée]quipe|service|staff)\s+(?:will\s+)?(?:answers?"
    r"|repl(?:y|ies)|responds?|gets?\s+back|r[ée]pond|vous\s+r[ée]pond(?:ra)?)"
    r"|r[ée]ponse\s+sous\s+\d+|on\s+vous\s+r[ée]pond"
    # round twenty-nine (pii batch 31: « Appelez l'atelier au 04 78 ... du lundi au vendredi,
    # ou passez nous voir »): a workshop or a shop asking the public to drop in
    r"|passez[- ]nous\s+voir|come\s+(?:and\s+)?see\s+us"
)
# Round sixteen: the author announcing their own new number or mailbox to their contacts ("new
# number, who dis", "my new email is", « Mon nouveau numéro pro c'est le », « Je change
# d'adresse mail perso : »). Someone else's new number ("Nana's new number", « sa nouvelle
# adresse ») is theirs, and "perso" does not undo it (the author's own, called personal).
_ANNOUNCED_WORDS = (
    r"new\s+number,?\s+who\s+dis|my\s+new\s+(?:(?:phone|mobile|cell|work|personal|e-?mail)\s+)?"
    r"(?:number|e-?mail|mail|address|mobile|cell)|i(?:[\u2019']ve|\s+have)\s+(?:got\s+)?a\s+new"
    r"\s+(?:number|e-?mail|mobile)|mon\s+nouveau\s+(?:num[ée]ro|num\b|mail|e-?mail|portable|t[ée]l)"
    r"|ma\s+nouvelle\s+adresse(?:\s+(?:mail|e-?mail))?|(?:je\s+change|j['\u2019]ai\s+chang[ée])"
    r"\s+(?:d['\u2019]adresse|de\s+(?:num[ée]ro|mail|portable))|j['\u2019]ai\s+un\s+nouveau\s+num[ée]ro"
    # after round sixteen: the change said of oneself in other words ("my number changed", «
    # Changement de numéro pour moi », « mon numéro a changé »); "pour Julie" stays Julie's
    r"|my\s+(?:(?:phone|mobile|cell|work)\s+)?(?:number|e-?mail|mail|address)\s+(?:has\s+|just\s+)?changed"
    r"|(?:changement|nouveau|nouvelle)\s+(?:de\s+|d['\u2019])?(?:num[ée]ro|mail|e-?mail|adresse"
    r"(?:\s+(?:mail|e-?mail))?|portable)\s+pour\s+moi"
    r"|mon\s+(?:num[ée]ro|mail|e-?mail|portable|adresse\s+(?:mail|e-?mail))\s+(?:a\s+)?chang[ée]"
    # round twenty (pii batch 20): « Nouveau numéro perso, l'ancien est mort ... Les amis : »,
    # "New personal number": the author's own line, announced as a heading
    # (not after someone's name or a possessive: "Nana's new personal number" is Nana's)
    r"|(?<![\w\u2019']s\s|\b(?:sa|son|ses|his|her|their|leur)\s)(?:nouveau|new)\s+(?:num[ée]ro|number"
    r"|portable|mobile|num)\s+(?:perso|personnel|personal)\b"
    # round seventeen: one's own mailbox after leaving a job ("New personal email since I left
    # the company:", « depuis mon départ »). Not "reach me at" / « vous pouvez me joindre »
    # alone: a customer writing to a brand's support gives their own detail by mistake.
    r"|since\s+I\s+(?:left|quit)|now\s+that\s+I(?:[\u2019']ve|\s+have)\s+(?:left|quit)"
    r"|depuis\s+(?:mon\s+d[ée]part|que\s+j['\u2019]ai\s+quitt[ée])"
    # round eighteen (pii batch 18): the change told in English as an act ("I changed my
    # number!", "I've switched e-mails"), and a job seeker's own contact ("Job hunting again,
    # reach me at", "#OpenToWork", « je cherche un poste, écrivez-moi »): an open call
    r"|i(?:[\u2019']ve|\s+have)?\s+(?:just\s+)?(?:changed|switched|got)\s+(?:my\s+)?(?:phone\s+)?"
    r"(?:numbers?|e-?mails?|mail|mobiles?|phones?)(?!\s+(?:for|to)\s+(?!me\b)\w)"
    r"|(?<!\b(?:is|are|was|were|[\u2019']s|[\u2019']re)\s+(?:\w+\s+)?)job[\s-]hunting|open\s+to\s+work|#?opentowork|hire\s+me|looking\s+for\s+(?:my\s+next|a\s+new)\s+"
    r"(?:role|job|position|gig|opportunity)|(?:je\s+)?(?:cherche|recherche)\s+(?:un\s+)?(?:nouveau\s+)?(?:poste"
    r"|emploi|job|cdi|stage|alternance)|en\s+recherche\s+d['\u2019](?:emploi|opportunit[ée]s?)"
    # round nineteen (pii batch 19): a freelancer's own contact for work ("You can reach me at
    # ... for freelance work", « dispo pour des missions en freelance »): an open call, as above
    r"|(?:for|available\s+for)\s+(?:any\s+|some\s+|new\s+)?freelanc(?:e|ing)(?:\s+(?:work|gigs?|projects?|jobs?))?"
    r"|missions?\s+(?:en\s+)?freelance|(?:dispo(?:nible)?s?|ouverte?)\s+(?:pour|aux)\s+(?:des\s+|de\s+nouvelles\s+)?missions"
    # round twenty-two (pii batch 23): the change told as a state ("My number is now", "Mine's
    # now", « Mon numéro est désormais le », « le mien maintenant : »); "Tom's number is now"
    # has no "my" and stays Tom's, and "the gold mine is now" is no one's mailbox
    # round twenty-three (val-24: "my direct line is now"): any line of one's own ("my desk
    # line", "my work extension", « ma ligne directe c'est maintenant », « mon numéro direct
    # est désormais »)
    r"|(?:my\s+(?:(?:phone|mobile|cell|work|direct|desk|office|personal|home)\s+){0,2}(?:number|e-?mail|mail"
    r"|line|extension|ext)"
    r"|(?<!\b(?:the|a|an|this|that|gold|coal|old)\s)mine)(?:\s+is|[\u2019']s)\s+now"
    r"|mon\s+(?:num[ée]ro|portable|mail|e-?mail|adresse\s+(?:mail|e-?mail)|poste)(?:\s+(?:direct|pro|perso|fixe))?"
    r"\s+(?:est\s+|c[\u2019']est\s+)?(?:d[ée]sormais|maintenant)"
    r"|ma\s+ligne(?:\s+(?:directe|pro|perso|fixe))?\s+(?:est\s+|c[\u2019']est\s+)?(?:d[ée]sormais|maintenant)"
    r"|le\s+mien\s+(?:c[\u2019']est\s+)?(?:d[ée]sormais|maintenant)"
    # round twenty-three (pii batch 24: « Je quitte la boîte vendredi 🥲 pour garder contact :
    # mon adresse perso c'est ... »): one's own leaving told in the first person ("I'm leaving
    # Acme", "my last day", « je quitte l'entreprise », « mon dernier jour », "Leaving Acme on
    # Friday" opening the post); "Tom is leaving" and « Julie quitte » are not the author's
    r"|(?:i[\u2019']m|i\s+am|i[\u2019']ll\s+be)\s+(?:leaving|moving\s+on)|my\s+last\s+day|mon\s+dernier\s+jour"
    r"|je\s+(?:quitte|pars\s+de|m[\u2019']en\s+vais\s+de)\s+(?:la|le|l[\u2019']\w+|mon|ma|cette|ce)"
    r"|\A\s*leaving\s+(?:(?-i:\p{Lu})\w*|the\s+(?:company|team|firm|office)|after)"
    # and one's own first or old mailbox told as a memory ("my first email address was", "my
    # old hotmail was", « ma toute première adresse mail c'était », « mon premier mail : »):
    # nobody writes to it; "my brother's first email" is not "my first email"
    r"|my\s+(?:very\s+)?(?:first|old|original|childhood|teenage|high[\s-]school)\s+(?:e-?mail|mail"
    r"|hotmail|msn|aol|yahoo)(?:\s+address)?\s+(?:was|used\s+to\s+be)"
    r"|my\s+(?:e-?mail|mail|hotmail|msn)(?:\s+address)?\s+back\s+(?:in|then)"
    r"|ma\s+(?:toute\s+)?premi[èe]re\s+adresse(?:\s+(?:mail|e-?mail))?"
    r"|mon\s+(?:tout\s+)?premier\s+(?:mail|e-?mail|adresse)"
    r"|mon\s+(?:vieux|ancien)\s+(?:mail|e-?mail|hotmail|msn)\s+(?:c[\u2019'][ée]tait|[ée]tait)"
    # round twenty-nine (issue 14, pii batches 25 and 32): the change in other words ("New
    # number for me", « Mon adresse pro change : désormais c'est »), a post that opens on one's
    # own last day ("Last day at Northwind today 🥲 ... my personal email is"), and one's own
    # thing for sale (« Je vends mon vélo ... Écrivez-moi au 06 ... »): the author's own line,
    # given on purpose
    r"|new\s+(?:phone\s+)?(?:number|e-?mail|mobile|cell)\s+for\s+me"
    r"|mon\s+(?:num[ée]ro|portable|mail|e-?mail|adresse(?:\s+(?:mail|e-?mail))?)(?:\s+(?:pro|perso))?"
    r"\s+change\b"
    r"|\A\s*last\s+day\s+(?:at|with|in)\b|je\s+vends\s+(?:mon|ma|mes)\b|(?:i[\u2019']m\s+)?selling\s+my\b"
    # round thirty (issue 14, pii batch 34: "Freelance illustrator here, commissions open!
    # Email me directly at"): an artist's open call for paid work, as "open to work" above
    r"|commissions?\s+(?:are\s+)?(?:now\s+)?open|open\s+for\s+commissions"
    r"|commandes?\s+(?:sont\s+)?(?:de\s+nouveau\s+)?ouvertes"
)
# The word lists of the checks that read the value's sentence, by the name a rule file uses.
_SENTENCE_WORDS = {
    "placeholder": _PLACEHOLDER_WORDS,
    "warning": _WARNING_WORDS,
    "explainer": _EXPLAINER_WORDS,
    "story": _STORY_WORDS,
    "offer": _OFFERED_WORDS,
    "announced": _ANNOUNCED_WORDS,
}
# Every check a rule may name in `unless:`, with what it means (the schema and docs show it).
CHECKS = {
    "sample": "a documented sample value, or a number of sequential or repeated digits",
    "placeholder": "a placeholder word next to the value (example, fake, bidon), or ChangeMe or "
                   "<your password> inside it",
    "warning": "a scam or phishing warning in the value's sentence (or in the next one when "
               "the value is the sender of a mail or text received)",
    "explainer": "a format explainer in the value's sentence",
    "story": "a novel, film, game or heist in the value's sentence",
    "offer": "an organisation offering its own detail for people to use (donations, bookings, "
             "its emergency line, its press service or desk, its after-sales line, a team "
             "that answers: \"our team answers within 48h\", « réponse sous 24 h »)",
    "announced": "the author announcing their own new number or mailbox (\"my new number\", "
                 "\"my number changed\", « mon nouveau numéro », « je change d'adresse mail », "
                 "« changement de numéro pour moi », \"since I left\", « depuis mon départ », "
                 "\"I changed my number! New one is\", \"my number is now\", \"Mine is now\"), "
                 "their own first or old mailbox told as a memory (\"my first email address "
                 "was\", « ma première adresse mail »), their own contact as a job seeker "
                 "(\"open to work\") or a freelancer (\"for freelance work\", "
                 "\"commissions open\"), said outright to be their own (\"that's my own "
                 "number\", « c'est bien mon propre numéro »), or when leaving a job "
                 "(\"I'm leaving Acme\", \"my last day\", « je quitte la boîte », then "
                 "\"Keep in touch:\")",
    "own": "the author's own life and nobody else's in the draft: a first-person word, or a "
           "sentence opening with its subject left out (\"Diagnosed with ...\"), and no other "
           "person (pronoun, relative, colleague, role or possible name) anywhere in it "
           "(guard.detect.whose)",
}


@lru_cache(maxsize=64)
def _words(names: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One regex for the sentence checks among `names` (one search per match, not one each)."""
    alternatives = [_SENTENCE_WORDS[n] for n in CHECKS if n in names and n in _SENTENCE_WORDS]
    if not alternatives:
        return None
    changeme = r"|!ChangeMe!" if "placeholder" in names else ""
    import regex  # here: a cold check that runs no `unless:` check does not load the module

    return regex.compile(
        rf"(?i)(?<![\w@./:=-])(?:{'|'.join(alternatives)})(?![\w@-]|[.:/]\w){changeme}"
    )


_INSIDE = LazyPattern(r"(?i)changeme|<[a-z_ -]{3,30}>")
# An abbreviation's full stop ends no sentence ("in our examples ..., e.g. (201) 555-0123":
# round thirteen), « p. ex. », "cf.", "vs."
_SENTENCE_END = LazyPattern(
    r"(?<!\b(?i:e\.g|i\.e|cf|vs|p\.\s?ex|ex|approx|env))[.!?…]+(?=\s)|\n"
)
_REACH = 160  # characters each side: the value's own sentence, not the whole thread


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], at most _REACH characters each side."""
    left = max(0, start - _REACH)
    before = text[left:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    after = text[end:end + _REACH]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    return before + " \0 " + after


# "her email is ...", "his number:" right before the value: a person's own detail, even in a
# post that warns about them ("got scammed by a seller, her email is ...": round twelve).
# Round fourteen: "someone posted his social 502-50-2189" in a post about scam calls, « son
# numéro de sécu » (a relative's identifier, posted, is theirs whatever the scam around it).
_SOMEONES = LazyPattern(
    # round twenty-seven (issue 14): a named person's ("Dana's SSN is", "Mr. Ray's social:")
    r"(?i)(?:\b(?:his|her)|(?-i:\b\p{Lu}[\p{Ll}\p{M}]+)['\u2019]s)\s+(?:personal\s+|own\s+|real\s+)?(?:e-?mail(?:\s+address)?|mail"
    r"|(?:phone\s+|mobile\s+|cell\s+)?number|phone|mobile|cell|address"
    r"|social(?:\s+security)?(?:\s+number)?|ssn|passport(?:\s+number)?|card(?:\s+number)?)"
    r"\s*(?:is|was|:)?\s*\Z"
    # round twenty-nine (issue 14, pii batch 32: « il a tapé son numéro de sécu dedans :
    # 186126911970374 », a father's, told by his child after a fake mail): a word or two
    # between the keyword and the value leave it the person's
    r"|\b(?:son|sa)\s+(?:num[ée]ro\s+de\s+s[ée]cu(?:rit[ée]\s+sociale)?|num[ée]ro\s+fiscal"
    r"|carte\s+(?:bancaire|vitale|bleue)|num[ée]ro\s+de\s+carte|passeport)"
    r"(?:\s+(?:dedans|l[àa]-dedans|dessus|en\s+entier|complet))?\s*(?:est|:)?\s*\Z"
)

# "son portable perso :", "her personal mobile": a person's own line, even where the post gives
# it for emergencies or bookings (an organisation's line is never "personal").
_PERSONAL = LazyPattern(
    r"(?i)(?:\b(?:personal|private)\s+(?:mobile|cell|phone|number|e-?mail|address)"
    r"|\b(?:portable|mobile|num[ée]ro|t[ée]l[ée]phone|mail|adresse)\s+(?:perso|personnel(?:le)?"
    r"|priv[ée]e?))\b[^\n\w]{0,6}\Z"
)

# Round twenty-five (pii batches 26 and 27, val-25: « 07 82 15 64 93 c'est le numéro de Kévin du
# SAV », « rappelez-le au 06-35-86-52-13 », « pour les urgences appelez-le direct au ... »): the
# line of a person told with them, by a call to him or her right before it or by whose number
# it is right after it, is theirs, whatever the after-sales or urgency words around it.
_CALL_THEM = LazyPattern(
    r"(?i)\b(?:(?:r?appele[rz]|contactez|joignez|textez)[- ](?:le|la|les|lui)"
    r"|(?:call|ring|text|phone)\s+(?:him|her|them)(?:\s+back)?)\b"
    r"(?:\s+(?:direct(?:ement)?|directly|now|asap))?\s*(?:au|on|at|sur)?[^\n\w]{0,4}\Z"
    # "Call our supplier's guy Mike directly on ...": a name right before "directly on"
    r"|(?-i:\b\p{Lu}[\p{Ll}\p{M}]+)\s+(?:directly|direct(?:ement)?)\s+(?:on|at|au|sur)\s*\Z"
)
_WHOSE_AFTER = LazyPattern(
    r"(?i)[^\n\w]{0,4}(?:(?:c['\u2019]est|(?:that|this|it)['\u2019]?s|is)\s+(?:le|la)\s+"
    r"(?:num[ée]ro|portable|ligne|t[ée]l[ée]phone|tel)\s+(?:perso\s+|personnel\s+|direct\s+)?"
    r"(?:de|d['\u2019])\s*(?-i:\p{Lu})"
    r"|(?:(?:that|this|it)['\u2019]?s|is)\s+(?:(?:the\s+)?(?:number|mobile|cell|phone|line)\s+"
    r"(?:of|for)\s+(?-i:\p{Lu})|(?-i:\p{Lu})[\p{Ll}\p{M}]+['\u2019]s\s+(?:number|mobile|cell|phone|line)\b))"
)

# A warning about one person rather than a sender that impersonates a brand: "The buyer who
# scammed me ... writes from X — do NOT sell to him" (round thirteen), « ce vendeur ... ».
_ONE_PERSON = LazyPattern(
    r"(?i)\b(?:him|her|(?:this|that)\s+(?:guy|man|woman|person|dude|buyer|seller)"
    r"|the\s+(?:buyer|seller|guy|man|woman|landlord|tenant|dude|influencer|customer|client|lady)\s+who"
    r"|(?:ce|cet|cette)\s+(?:type|mec|homme|femme|acheteur|acheteuse|vendeur|vendeuse)"
    r"|l[ea]\s+(?:acheteur|acheteuse|vendeur|vendeuse|type|mec)\s+qui)\b"
)


# Round eighteen: someone else in the sentence ("reach her at", "drop him a line", "his new
# number", « la joindre », « son portable »): a job hunt or a change of number told there is
# theirs, not the author's, so `announced` does not apply.
_THEIRS = LazyPattern(
    r"(?i)\b(?:him|her|them|his|their|he|she|they)\b|\b(?:lui|leur|son|sa|ses|il|elle)\b"
    r"|\b(?:la|le|les)\s+(?:joindre|contacter|appeler|rappeler)\b"
)
# A value's sentence that points back to the one before ("I changed my number! New one is ...",
# « J'ai changé de portable. Le nouveau : ... »): `announced` reads that sentence too.
_POINTS_BACK = LazyPattern(
    r"(?i)\A\W*(?:(?:the\s+|my\s+)?new\s+(?:one|number|e-?mail|mail|address)|(?:le|la|mon|ma)\s+"
    r"nouv(?:eau|elle)(?:\s+(?:num[ée]ro|mail|adresse))?|here\s+it\s+is|voici|voil[àa]|it[\u2019']s|c[\u2019']est"
    # round twenty-two (pii batch 23): "New number, who dis? Mine is now ...", "Here's mine:"
    r"|mine|here[\u2019']?s\s+mine|le\s+mien|la\s+mienne"
    # round twenty-three: "My last day is tomorrow! Keep in touch: ...", « Je quitte la boîte.
    # Pour garder le contact, mon mail perso : »
    r"|(?:(?:let[\u2019']s|to|please|if\s+you\s+(?:want|wish|[\u2019']d\s+like)\s+to)\s+)?(?:keep|stay)\s+in\s+touch|(?:pour\s+)?garder\s+(?:le\s+)?contact"
    r"|restons\s+en\s+contact|(?:pour\s+)?rester\s+en\s+contact"
    # round twenty-nine (issue 14, pii batch 26: "I'm job hunting! Reach me at ..."): a request
    # to reach the author, after the sentence that announced why
    r"|(?:you\s+can\s+)?(?:reach|contact|e-?mail|text|call|ping)\s+me"
    r"|(?:[ée]crivez|contactez|appelez|joignez)[- ]moi"
    r")\b(?!\s+(?:with|avec)\b)"
)


# Round twenty-two (val-9: "My newsletter is back! Reply to jordan@... if you want to say hi"):
# the author's own newsletter, podcast or blog told in the sentence before, and a value's
# sentence that only asks readers to write there ("Reply to", « Écrivez-moi à »): the channel's
# own mailbox, as `offer` reads "my newsletter" in one sentence. A name before the value
# ("Reply to my co-editor Anna:") is not a bare request: the value is hers.
_OWN_CHANNEL = LazyPattern(
    r"(?i)\b(?:my|our)\s+(?:newsletter|podcast|blog|zine|fanzine|substack)\b"
    r"|\b(?:ma|notre)\s+newsletter\b|\b(?:mon|notre)\s+(?:podcast|blog|fanzine)\b"
)
_WRITE_IN = LazyPattern(
    r"(?i)\A\W*(?:reply|write|e-?mail|r[ée]pondez|[ée]crivez)(?:-moi|-nous)?"
    r"(?:\s+(?:to|me|us|at|on|à|moi|nous))*\s*:?\s*\Z"
)


def _own_channel(text: str, start: int, end: int) -> bool:
    """The value's sentence asks readers to write to it, and the sentence before is the
    author's own newsletter, podcast or blog; no one else named in either."""
    sentence = _sentence(text, start, end)
    if _THEIRS.search(sentence) or not _WRITE_IN.search(sentence.split("\0", 1)[0]):
        return False
    previous = _before(text, start)
    return bool(previous) and not _THEIRS.search(previous) and bool(_OWN_CHANNEL.search(previous))


# Round twenty (pii batch 20): the value is the sender of a mail or text the author received
# (« Reçu un mail de « securite-impots@... » qui me promet 312 €. Spoiler : c'est du phishing »):
# `warning` reads the next sentence too, where the verdict on that message comes. Only when the
# value is the sender itself: « Reçu un mail de Julie (julie.m@...) » gives Julie's address.
_RECEIVED = LazyPattern(
    r"(?i)\b(?:re[çc]u|received|got)\s+(?:un|une|a|an|this|ce|cet|cette)\s+(?:e-?mail|mail|sms|texto?"
    r"|message|courriel)\s+(?:de|from|d['\u2019]|venant\s+de)[\s\u00a0]*[\u00ab\"\u201c\u2018'(<]?[\s\u00a0]*\Z"
)


def _next(text: str, end: int) -> str:
    """The sentence after the one holding text[end - 1], at most _REACH characters."""
    stop = _SENTENCE_END.search(text, end, end + _REACH)
    if stop is None:
        return ""
    after = text[stop.end():stop.end() + _REACH]
    again = _SENTENCE_END.search(after)
    return after[:again.start()] if again else after


def _before(text: str, start: int) -> str:
    """The sentence before the one holding text[start], at most _REACH characters."""
    left = max(0, start - 2 * _REACH)
    ends = list(_SENTENCE_END.finditer(text, left, start))
    if not ends:
        return ""
    last = ends[-1].start()
    earlier = [m for m in ends if m.end() <= last]
    return text[earlier[-1].end() if earlier else left:ends[-1].end()]


# Round thirty (issue 14, pii batches 33 and 34: "... 07391 556 204. (Yes, I'm giving out my
# own number on purpose, Steve.)", "text me at (503) ... Yes that's my own number, on purpose"):
# the author saying outright that the value is their own, in its sentence or the next one.
# "her own number" (a cleaner's, written on a receipt) is hers: only "my own" / « mon propre ».
_OWN_CLAIM = LazyPattern(
    r"(?i)\b(?:(?:that|this|it)(?:[\u2019']s|\s+is)\s+(?:really\s+|actually\s+|indeed\s+)?"
    r"|(?:giving|handing|putting|sharing|posting)\s+(?:out\s+|up\s+)?)my\s+own\s+"
    r"(?:(?:work|personal|phone|mobile|cell)\s+)?(?:number|e-?mail|mail|address|line|phone|mobile|cell)\b"
    r"|\b(?:je\s+(?:donne|partage|mets|poste)|c[\u2019']est\s+(?:bien\s+)?)\s*mon\s+propre\s+"
    r"(?:num[ée]ro|portable|mail|e-?mail|adresse)\b"
)


def _announced(text: str, start: int, end: int) -> bool:
    """The author announcing their own detail: in the value's sentence, or in the sentence
    before when the value's sentence points back to it, or saying it is their own in the
    sentence after; never with someone else's in it."""
    sentence = _sentence(text, start, end)
    if _THEIRS.search(sentence):
        return False
    if _OWN_CLAIM.search(sentence):
        return True
    after = _next(text, end)
    if after and not _THEIRS.search(after) and _OWN_CLAIM.search(after):
        return True
    words = _words(("announced",))
    if words.search(sentence):
        return True
    opening = sentence.split("\0", 1)[0]
    if not _POINTS_BACK.search(opening):
        return False
    previous = _before(text, start)
    return bool(previous) and not _THEIRS.search(previous) and bool(words.search(previous))


# Round twenty-nine (issue 14, pii batch 31: « « Il habitait au 12 rue des Lilas, 37000 Tours
# ... » Premier chapitre de mon roman en cours »): a story's quoted line, told as such in the
# sentence before or after; `story` reads those two too (a novel's words are not a leak's).
def _story_around(text: str, start: int, end: int) -> bool:
    story = _words(("story",))
    return story is not None and bool(story.search(_before(text, start))
                                      or story.search(_next(text, end)))


def nobodys(text: str, start: int, end: int, checks: tuple[str, ...]) -> bool:
    """The match text[start:end] is nobody's by one of `checks` (names of CHECKS): a sample, a
    placeholder, or in a warning, explainer, story or an organisation's offer."""
    if "sample" in checks and sample_value(text[start:end]):
        return True
    if "own" in checks:
        from guard.detect.whose import own_life  # here: only the special-category rules ask

        if own_life(text, start, end):
            return True
        checks = tuple(c for c in checks if c != "own")
    if "placeholder" in checks and _INSIDE.search(text, start, end):
        return True  # "mysql://app:!ChangeMe!@...", "password=<your password>"
    if "warning" in checks and (_SOMEONES.search(text, max(0, start - 40), start)
                                or _ONE_PERSON.search(_sentence(text, start, end))):
        checks = tuple(c for c in checks if c != "warning")
    if "offer" in checks and (_PERSONAL.search(text, max(0, start - 40), start)
                              or _CALL_THEM.search(text, max(0, start - 40), start)
                              or _WHOSE_AFTER.match(text, end, end + 60)):
        checks = tuple(c for c in checks if c != "offer")
    if "offer" in checks and _own_channel(text, start, end):
        return True
    if "announced" in checks:
        if _announced(text, start, end):
            return True
        checks = tuple(c for c in checks if c != "announced")
    words = _words(checks)
    if words is None:
        return False
    sentence = _sentence(text, start, end)
    if words.search(sentence):
        return True
    if "story" in checks and _story_around(text, start, end):
        return True
    if "warning" in checks and _RECEIVED.search(sentence.split("\0", 1)[0]):
        warning = _words(("warning",))
        return warning is not None and warning.search(_next(text, end)) is not None
    return False
