"""The shape of a draft, whatever its words: who speaks, to whom, when, and in what form.

Cue lists name kinds of events; these features name grammar (a first-person plural subject, a
future, a past, a question, a reply to an @account, an explainer's opening), so that a plan
said as "we will" or a customer writing to a brand reads the same in wording no list holds.
Each is a pseudo cue group (`s:...`) that the scorer weighs, alone and with the categories of
the draft's event words (`features.cue_features`). Training and the guard call the same code.
"""

from __future__ import annotations

import re

from guard.detect.events.secrecy import (
    Budget,
    Grammar,
    aside,
    budget,
    customer,
    inside,
    labels,
    listed,
    withheld,
    words_of,
)

# Small closed classes of grammar words (pronouns, auxiliaries), not event vocabulary.
_WE = re.compile(r"(?<!\w)(?:we|we're|we've|we'll|we'd|our|ours|us|nous|notre|nos|on)(?!\w)")
_I = re.compile(r"(?<!\w)(?:i|i'm|i've|i'll|my|me|je|j'|mon|ma|mes|moi)(?!\w)")
_YOU = re.compile(r"(?<!\w)(?:you|your|you're|yours|vous|votre|vos|tu|ton|ta|tes|t')(?!\w)")
# A time to come said by the verb: an auxiliary of the future, or a French future ending.
_FUTURE = re.compile(
    r"(?<!\w)(?:will|'ll|shall|going to|gonna|about to|plan(?:s|ning)? to|set to|due to|"
    r"upcoming|va|vont|allons|allez|aller|prochaine?s?|bientôt|futur\w*)(?!\w)"
    r"|\w{3,}(?:erons|eront|irons|iront|erez|irez)(?!\w)"
)
# A time gone: auxiliaries and markers of the past; English -ed words.
_PAST = re.compile(
    r"(?<!\w)(?:was|were|had|did|ago|used to|back then|il y a|avait|avaient|était|étaient|"
    r"fut|a été|ont été|avons été)(?!\w)|(?<!\w)\w{3,}ed(?!\w)"
)
_YEAR = re.compile(r"(?<![\w.,/-])(19[5-9]\d|20[0-4]\d)(?![\w.,/-])")
# An explainer's or a question's opening: a wh-word or "tips", "thread" before anything else.
_OPENING = re.compile(
    r"\s*(?:how|what|why|when|which|who|should|does|do|is|are|can|comment|pourquoi|"
    r"qu'est-ce|quel|quelle|quels|quelles|faut-il|est-ce|peut-on|tips?|thread|psa)(?!\w)"
)
_IMPERATIVE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:don't|dont|do not|never|keep|act|pretend|ne|n'|gardez|garde|faites|"
    r"fais|évitez|évite)(?!\w)"
)
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+")  # a capitalised word inside a sentence
_ASCII_NAME = re.compile(r"[A-Z]")
_MENTION = re.compile(r"(?<![\w@])@\w")
# Round eight: what makes "we" / « on » / « nous » an employer rather than a household: a
# workplace named (team, boss, colleagues, company, « boîte », « collègues », « direction »...).
_WORKPLACE = re.compile(
    r"(?<!\w)(?:team|teams|boss|manager|colleagues?|coworkers?|co-workers?|company|employer|"
    r"office|staff|hr|ceo|cfo|cto|board|leadership|management|startup|at work|clients?|"
    r"customers?|équipes?|boîte|boite|boulot|taf|collègues?|entreprise|société|direction|"
    r"employeur|patron|chef|cheffe|bureau|salariés?|plant|factory|site|store|warehouse|depot|"
    r"usine|magasin|agence|entrepôt|dépôt|atelier|labo|lab|board|investors?|investisseurs|"
    r"division|department|dept|départements?)(?!\w)"
)
_THANKS = re.compile(
    r"(?<!\w)(?:thanks|thank you|please|pls|merci|svp|s'il vous plaît|toi)(?!\w)"
)
# Own-company cues that are not a bare pronoun ("we", « on a », « nous », « notre »): any of
# these names the author's employer whatever the address.
_OWN_NOT_PRONOUN = re.compile(
    r"(?<!\w)(?:my (?:company|employer|team|manager|boss|director|vp|ceo|cfo|cto|org|job|work)|"
    r"mon (?:équipe|boulot|entreprise|manager|chef|n\+1|boss|taf)|"
    r"ma (?:société|boîte|boite|cheffe)|"
    r"here at|we at|internally|all-hands|all hands|town hall|chez mon employeur|"
    # round nine: someone close to a company (a relative who works there, its supplier)
    r"works? (?:at|for)|working at|travaille (?:chez|pour)|bosse (?:chez|pour)|"
    r"(?:supplier|vendor|contractor|freelancer|agency|recruiter) here|my client|our client|"
    r"prestataire|sous-traitante?|mon client|notre client)(?!\w)"
)
# (name, the draft's own grammar words pair) -> a conjunction the scorer weighs on its own
_PAIRS = (("we", "future"), ("i", "future"), ("we", "past"), ("you", "question"),
          ("at", "you"), ("name", "past"), ("mention", "you"), ("mention", "we"))


def addressed(low: str, groups: set[str] | frozenset[str]) -> bool:
    """A customer writing to a brand, not an employee about their employer: the casefolded
    draft starts with an @account or speaks to "you/vous", and has neither an own-company cue
    ("we", "my team") nor a secrecy cue. (Round seven: the events rules' false alarms on real posts
    were such drafts; the detector then asks the scorer for as much as with public wording.)
    Round eight: a draft that speaks to someone ("you", « toi », a question, « merci ») and whose
    only own-company words are pronouns ("we", « on », « nous ») is still a customer (a household,
    a family): « on / nous » are an employer only beside a workplace ("team", « boîte »)."""
    if "nonpublic" in groups:
        return False
    if "own" in groups:
        # ... speaking to the account ("you", « vous », a question, "thanks"), as a customer does
        talking = bool(_YOU.search(low) or _THANKS.search(low)) or "?" in low
        return talking and not _WORKPLACE.search(low) and not _OWN_NOT_PRONOUN.search(low)
    return low.lstrip().startswith("@") or bool(_YOU.search(low))


# French passé composé: an auxiliary and a participle ("a publié", « ont annoncé »)
_PASSE = re.compile(r"(?<!\w)(?:a|ont|avons|avez|ai|as)\s+\w+(?:é|ée|és|ées|is|it|u|us)(?!\w)")


def told(low: str) -> bool:
    """A report of what happened: the casefolded draft has a past ("reported", « a publié ») and
    no future ("will", « va »). With public wording, its month or quarter is the news's own
    ("reported Q3 revenue", « après l'avertissement d'octobre »), not a date to come."""
    return bool(_PAST.search(low) or _PASSE.search(low)) and not _FUTURE.search(low)


# Round nine: a disclosure word negated or still to come ("hasn't announced it", "nobody's
# announced", "not publicly", « pas encore annoncé », « annonce officielle après »): the public
# word says the news is NOT out, so it does not ask the scorer for more.
_UNSAID = re.compile(
    r"(?<!\w)(?:not|never|nobody|nobody's|no one|no-one|yet to|n't|pas|jamais|personne|"
    r"aucun\w*|rien)(?:\s+\S+){0,2}?\s+(?:officially\s+|publicly\s+|encore\s+|été\s+|"
    r"officiellement\s+|publiquement\s+)?(?:announc\w*|public\w*|publish\w*|disclos\w*|"
    r"official\w*|annonc\w*|publi\w*|officiel\w*|communiqu\w*)(?!\w)"
    r"|(?<!\w)(?:annonce|communiqué|press release)\s+(?:officielle\s+)?(?:après|later|after|"
    r"à venir|to come|plus tard)(?!\w)"
)


def unsaid(low: str) -> bool:
    """The casefolded draft's public word is negated or to come: the news is not out yet."""
    return bool(_UNSAID.search(low.replace("n't", " n't")))


def decision_groups(
    low: str, groups: set[str] | frozenset[str], grammar: Grammar, clock: Budget | None = None
) -> set[str]:
    """Pseudo groups that only the decision reads (no model feature has their names): a
    customer writing to a brand, a past report, a disclosure word that is negated, secrecy labels
    explained, a draft about secrets that keeps none (`aside`); `grammar`:
    the pack's secrecy forms (secrecy.compiled); `clock`: the draft's time budget for them."""
    out = set(groups)
    # one budget and one cut into words for all the kinds asked about below
    clock = budget(grammar) if clock is None else clock
    words = words_of(low)
    # round sixteen: a secret said in a form only the decision reads ("Announcement in two
    # weeks", "That's all I'll say", `withheld` forms) is a secrecy cue for all that follows
    if "nonpublic" not in out and withheld(low, grammar, clock, words=words):
        out.add("nonpublic")
        groups = frozenset(out)
    # round ten: "barista here:" is staff
    # ... and, round fifteen, a customer's own account, device or service with no secrecy cue
    # ("my email accounts", « sans internet »: `customer` forms)
    if (addressed(low, groups) and not inside(low, grammar, words, clock)) or (
            "nonpublic" not in groups and customer(low, grammar, clock, words=words)):
        out.add("customer")
    # round fifteen: written to a brand or to "you" whatever its secrecy words ("@Skyways no
    # statement yet?"): a secrecy cue does not count for the shortcut there (`_secret_told`)
    if "nonpublic" in groups and addressed(low, set(groups) - {"nonpublic"}):
        out.add("addressed")
    # after round sixteen: a listed company named with its exchange and ticker, and no secrecy
    # cue: someone else's news, as the `elsewhere` cue words say it (decision only: no retrain)
    if "nonpublic" not in out and listed(low, grammar, clock, words=words):
        out.add("elsewhere")
    if "public" in groups and unsaid(low):
        out.add("unsaid")
    if "public" in groups and "ahead" in groups and told(low):
        out.add("told")
    # round ten: labels explained, not a secret kept
    if "nonpublic" in groups and labels(low, grammar, clock, words=words):
        out.add("labels")
    # round thirteen: a story, advice, a disclosure made, a customer to a brand's support
    if aside(low, grammar, clock, words=words):
        out.add("aside")
    return out


_SEARCHED = (("we", _WE), ("i", _I), ("you", _YOU), ("future", _FUTURE), ("past", _PAST),
             ("year", _YEAR), ("imperative", _IMPERATIVE))


def shape(low: str, text: str = "") -> set[str]:
    """The shape features of a casefolded draft (`text`: as written, for capitalised names)."""
    found = set()
    stripped = low.lstrip()
    if stripped.startswith("@"):
        found.add("at")
    if _MENTION.search(low):  # a post written to or about an account, not about one's employer
        found.add("mention")
    if "?" in low:
        found.add("question")
    if _OPENING.match(stripped):
        found.add("opening")
    found.update(name for name, pattern in _SEARCHED if pattern.search(low))
    if text and _ASCII_NAME.search(text) and _NAME.search(text):
        found.add("name")
    for a, b in _PAIRS:
        if a in found and b in found:
            found.add(f"{a}&{b}")
    return {"s:" + f for f in found}
