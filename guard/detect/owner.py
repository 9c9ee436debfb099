"""Whose detail a personal-data finding gives, read from the draft's dependency parse.

A phone number, an address or a health word is a leak when it is someone else's (a colleague,
a customer, "Dave's cell") and often harmless when nobody's (a test address, a tutorial) or a
public figure's told in public. Phrase lists (rounds one to twenty-three) see the words; the
parse sees which person a possessive, a subject or an object points at. For a finding's span
this module names the candidates around it - the author, another person, an organisation
speaking of itself, a public figure, the reader - and how far each one is from the span in the
tree, as a handful of named features (`o:` names) that the owner veto weighs
(rules/owner-veto.json, `guard.detect.veto`, round twenty-four).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

# The author (English and French; spaCy's French tokenizer keeps the elision: "j'", "m'").
_SELF = frozenset(("i", "me", "my", "mine", "myself", "je", "j'", "j\u2019", "moi", "me",
                   "m'", "m\u2019", "mon", "ma", "mes"))
# An organisation speaking of itself (a shop, a team, the company).
_ORG_SELF = frozenset(("we", "us", "our", "ours", "nous", "notre", "nos"))
# Another person, by a pronoun or a possessive.
_OTHER = frozenset(("he", "she", "him", "her", "his", "hers", "himself", "herself", "il",
                    "elle", "lui", "son", "sa", "ses", "leur", "leurs", "they", "them", "their",
                    "eux", "elles"))
# French object pronouns that are also articles: another person only as a pronoun.
_OTHER_IF_PRONOUN = frozenset(("le", "la", "l'", "l\u2019", "les"))
_POSSESSIVES = frozenset(("my", "mon", "ma", "mes", "our", "notre", "nos"))
_GENITIVE = frozenset(("'s", "\u2019s"))
# The reader.
_READER = frozenset(("you", "your", "yours", "vous", "votre", "vos", "tu", "te", "toi", "ton",
                     "ta", "tes", "t'"))
# People named by their relation to the author or the team, not by a name.
_RELATION = frozenset((
    "colleague", "coworker", "co-worker", "teammate", "boss", "manager", "brother", "sister",
    "mum", "mom", "dad", "father", "mother", "son", "daughter", "wife", "husband", "partner",
    "friend", "neighbour", "neighbor", "customer", "client", "patient", "tenant", "landlord",
    "guy", "lady", "woman", "man", "girl", "boy", "nan", "nana", "grandma", "grandpa", "aunt",
    "uncle", "cousin", "intern", "hire", "starter", "employee", "driver", "supplier", "guest",
    "collègue", "frère", "sœur", "soeur", "mère", "père", "fils", "fille", "femme", "mari",
    "copain", "copine", "ami", "amie", "voisin", "voisine", "cliente", "patiente",
    "locataire", "propriétaire", "stagiaire", "chef", "cheffe", "responsable", "monsieur",
    "madame", "dame", "gars", "mamie", "papi", "tante", "oncle", "cousine", "recrue",
    "chauffeur", "fournisseur", "salarié", "salariée", "binôme", "coloc", "beau-frère",
    "belle-sœur", "belle-mère", "beau-père", "technicien", "technicienne", "livreur", "papa",
    "maman", "mec", "nounou", "ex", "bloke", "candidate", "candidat", "tech",
    "nurse", "infirmière", "infirmier", "médecin", "doctor", "gf", "bf", "girlfriend",
    "boyfriend", "flatmate", "roommate", "temp", "recruit", "lead", "director", "directeur",
    "directrice", "cfo", "vp", "ceo",
))
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "m.", "mme", "mlle"))
_PERSON_LABELS = frozenset(("PERSON", "PER"))
_NOT_PERSON_LABELS = frozenset(("ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "MONEY",
                                "CARDINAL", "PRODUCT", "EVENT", "MISC", "QUANTITY", "PERCENT"))

NEAR_TREE = 2  # edges between the span and the candidate: its own clause's subject or owner
MID_TREE = 4


def _person_word(token: Any) -> bool:
    """A noun that names a person: a name, a title, a relation ("colleague", « collègue »)."""
    low = token.lower_
    return (token.ent_type_ in _PERSON_LABELS or low in _RELATION or low in _TITLES
            or (token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PERSON_LABELS))


def _kind(token: Any, public: frozenset[str]) -> str | None:
    """Which kind of owner a token can name, if any."""
    low = token.lower_
    # "my colleague", « mon binôme Julien », "our customer Mrs Alvarez": the possessive points
    # at another person, who is the candidate (the noun), not the author.
    if low in _POSSESSIVES and token.head is not token and _person_word(token.head):
        return None
    if low in public:
        return "public"
    if low in _SELF and (low != "me" or token.pos_ == "PRON"):
        return "self"
    if low in _ORG_SELF:
        return "org"
    if low in _READER and (token.pos_ in ("PRON", "DET") or low in ("you", "your")):
        return "reader"
    if low in _OTHER:
        return "other"
    if low in _OTHER_IF_PRONOUN and token.pos_ == "PRON":
        return "other"
    if token.ent_type_ in _PERSON_LABELS:
        return "other"
    if low in _RELATION or low in _TITLES:
        return "other"
    if (token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PERSON_LABELS
            and token.i != token.sent.start and token.is_title and len(token) > 2):
        return "other"
    return None


def _depth_path(token: Any) -> list[Any]:
    path = [token]
    while path[-1].head is not path[-1] and len(path) < 64:
        path.append(path[-1].head)
    return path


def tree_distance(a: Any, b: Any) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up = {t.i: n for n, t in enumerate(_depth_path(a))}
    for n, t in enumerate(_depth_path(b)):
        if t.i in up:
            return up[t.i] + n
    return 99


_SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj")
_OBJECTS = ("dobj", "obj", "iobj", "dative", "obl:arg")


def _slots(anchor: Any, public: frozenset[str]) -> set[str]:
    """The grammatical owner of the detail: the possessor of the noun it hangs on ("my number",
    "Dave's cell", « son portable »), the subject of its clause ("Julien est en arrêt", "I'm on
    £44k") and the verb's object ("call me on ...", « rappelez-moi au »)."""
    out: set[str] = set()
    node, steps = anchor, 0
    while steps < 6:
        for child in node.children:
            if child.i == anchor.i:
                continue
            dep = child.dep_
            kind = None
            if dep.startswith("poss") or (dep == "case" and child.lower_ in _GENITIVE):
                kind = _kind(child if dep.startswith("poss") else node, public)
                if dep.startswith("poss") and kind is None and _person_word(child):
                    kind = "other"
                slot = "poss"
            elif dep in _SUBJECTS:
                kind = _kind(child, public) or ("other" if _person_word(child) else None)
                slot = "subj"
            elif dep in _OBJECTS:
                kind = _kind(child, public)
                slot = "obj"
            else:
                continue
            if kind is not None:
                out.add(f"o:{slot}-{kind}")
        if node.pos_ in ("VERB", "AUX") and any(f.startswith("o:subj-") for f in out):
            break
        if node.head is node:
            break
        node, steps = node.head, steps + 1
    return out


def _bucket(tree: int) -> str:
    return "near" if tree <= NEAR_TREE else "mid" if tree <= MID_TREE else "far"


def owner_features(doc: Any, start: int, end: int,
                   public: Iterable[str] = ()) -> set[str]:
    """The `o:` features of the detail at characters [start, end) of a parsed `doc`.

    For each kind of owner, its nearest candidate in the span's sentence by tree distance
    (`o:self-near`, `o:other-far`, ...), the nearest of all kinds (`o:nearest-other`), a kind met
    only in the sentence before (`o:other-prev`), the possessor, subject and object of the
    span's phrase (`o:poss-self`, `o:subj-other`, `o:obj-self`; see `_slots`), and `o:none`
    when no candidate is found. Tokens inside the span are not candidates.
    """
    public = frozenset(w.casefold() for w in public)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return {"o:unaligned"}
    anchor = span.root
    sent = anchor.sent
    best: dict[str, tuple[int, int]] = {}
    for tok in sent:
        if span.start <= tok.i < span.end:
            continue
        kind = _kind(tok, public)
        if kind is None:
            continue
        score = (tree_distance(anchor, tok), abs(tok.i - anchor.i))
        if kind not in best or score < best[kind]:
            best[kind] = score
    feats = {f"o:{kind}-{_bucket(tree)}" for kind, (tree, _) in best.items()}
    if best:
        nearest = min(best, key=lambda k: best[k])
        feats.add(f"o:nearest-{nearest}")
        words = best[nearest][1]
        feats.add(f"o:nearest-words-{'1-3' if words <= 3 else '4-8' if words <= 8 else '9+'}")
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        kinds = {k for tok in before if (k := _kind(tok, public)) is not None}
        feats.update(f"o:{k}-prev" for k in kinds if k not in best)
    feats.update(_slots(anchor, public))
    if not best:
        feats.add("o:none")
    return feats


# The personal-data rule families the owner veto reads (by rule id: "pii.phone-keyword" is a
# phone); the family is a feature, and each owner feature is also crossed with it.
FAMILIES = ("phone", "email", "postal-address", "special-category")


def family(rule_id: str) -> str:
    """The rule's personal-data family, or "other"."""
    for name in FAMILIES:
        if rule_id.startswith(f"pii.{name}"):
            return name
    return "other"


def model_features(rule_id: str, owners: Iterable[str], cues: Iterable[str]) -> set[str]:
    """The per-finding features of the owner veto besides the draft's words: the rule's family
    (`r:`), the owner features with and without the family, the draft's cues (`q:`)."""
    fam = family(rule_id)
    out = {f"r:{fam}", *cues}
    for name in owners:
        out.add(name)
        out.add(f"{fam}|{name}")
    return out


Parse = Callable[[str], Any]


def parser(settings: Any) -> Parse:
    """text -> its spaCy Doc with entities, tags and the dependency parse, in the draft's
    language among the pack's (the pipeline loads on the first draft that needs it, once per
    process). A language without a pipeline gets the first configured one."""
    from guard.detect.language import detect
    from guard.detect.nlp.runtime import COMPONENTS, DEFAULT_MODELS, load_pipeline, model_name

    keep = COMPONENTS["ner"] | COMPONENTS["tag"] | COMPONENTS["parse"]
    languages = [lang for lang in settings.languages if lang in DEFAULT_MODELS] or ["en"]

    @lru_cache(maxsize=16)  # several findings of one draft: one parse
    def parse(text: str) -> Any:
        lang = detect(text, languages)
        return load_pipeline(model_name(lang, settings), keep, lang)(text)

    return parse
