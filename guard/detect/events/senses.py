"""Words the events cues would read in another sense, made other words (round twenty-nine b).

The cue lists match phrases token by token, in any case, so a cue that is the start of a longer
term, or a word that is a cue only in one of its senses, fires on the other sense too. Round
twenty-nine (`gate`) traced the choose set's pii hard negatives: « n'est pas un mot de passe »
read as the secrecy of « pas un mot » (three alarms), "Aux US" read as the own-company "us" (two),
an IBAN's "country code" read as a market, a merge request's « avant le merge » read as M&A. Each
such term is rewritten here at the same length (so every offset stays the draft's) into tokens
no list holds: the first space of « pas un mot de passe » and of "country code" becomes "_"
(« mot de passe » itself stays readable), a merge request's words become one token, "US" in
capitals becomes "U_" (not "us"). Drafts
without these terms come back unchanged (the one compiled search is all they cost).

Applied to the folded draft wherever the events cues are read (`detector`, training, the
compare tool), never to what a finding shows.
"""

from __future__ import annotations

import re

# One alternation over the terms; a named group says which. Each is the other sense whatever the
# wording around it (checked on the choose set: no leak of events batches 1-26 or the training
# drafts holds « pas un mot de passe », "country code" or a merge request; the "US" leaks there
# say their company with "we", "our", « on » or « notre » as well).
_TERMS = re.compile(
    r"(?P<pw>(?<!\w)pas un mot de passe(?!\w))"
    r"|(?P<cc>(?<!\w)(?:country|calling|dialling|dialing) codes?(?!\w))"
    r"|(?P<mr>(?<!\w)(?:merge requests?|(?:avant|après|pendant) le merge)(?!\w))"
    # round thirty: secrecy denied (« Publiés hier soir sur leur site, rien de secret », an AWS
    # doc's example key "nothing secret"): not the secrecy cue "secret" (choose set: 3 hard
    # negatives, no leak, hold one of them)
    r"|(?P<ns>(?<!\w)(?:rien de secret|nothing secret)(?!\w))"
    # "US" as written, the country: not "us" (lowercase), nor "US" inside a run of capitals
    # ("CONTACT US", checked below); "U.S." is already not "us".
    r"|(?P<us>(?<!\w)(?-i:US)(?!\w))",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s")
_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the word before or after [start, end) is in capitals too ("CONTACT US"): then
    "US" may be the pronoun shouted."""
    before = _CAPS_WORD.findall(text[max(0, start - 30) : start])
    after = _CAPS_WORD.findall(text[end : end + 30])
    return any(w.isupper() for w in before[-1:] + after[:1])


# A word every term holds: a draft with none of them is returned at once (the search over the
# alternation costs ~70 µs a draft, these look-ups ~3 µs; 291 of the 7,000 real posts hold one).
_HINTS = ("passe", "code", "merge", "secret")


def read(folded: str) -> str:
    """The folded draft with the terms above made tokens no cue list holds (same length)."""
    if "US" not in folded:
        low = folded.lower()
        if not any(hint in low for hint in _HINTS):
            return folded  # most drafts
    if _TERMS.search(folded) is None:
        return folded
    chars = list(folded)
    for m in _TERMS.finditer(folded):
        kind = m.lastgroup
        if kind == "us":
            if _shouting(folded, m.start(), m.end()):
                continue
            chars[m.start() + 1] = "_"  # "U_": one token, not "us"
            continue
        spaces = [s.start() for s in _SPACE.finditer(folded, m.start(), m.end())]
        # the term's first two words made one token (« pas_un mot de passe »: « mot de passe »
        # still reads); a merge's words all one token (« avant_le_merge », "merge_request")
        # (« rien_de_secret », "nothing_secret": "secret" no longer a word of its own)
        for at in spaces if kind in ("mr", "ns") else spaces[:1]:
            chars[at] = "_"
    return "".join(chars)
