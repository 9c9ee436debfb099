"""`guard rules hash`: a pack whose term lists are salted keyed hashes, with no term left in clear.

Each `terms`/`terms_file` rule becomes `hashed`: HMAC-SHA256 (key: the salt) of each term's
canonical normalised form (`hash_term`), so the matcher, which hashes the draft's
normalised word runs the same way, still finds disguised terms. Everything else that could repeat
a term (messages, suggestions, examples, allow phrases, context words, ids, categories, the pack's
name and description, YAML comments) is dropped or replaced, and each change becomes a note. A
final pass refuses to write the pack if any term is still in it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from guard.detect.registry import kind
from guard.errors import UsageError
from guard.models import Rule
from guard.packs.loader import load_pack, resolve_bundled
from guard.packs.yamlsrc import load_yaml

# Stand-ins for a message that named a term; the first that names no term of the pack is used.
HASHED_MESSAGES = ("A term from a hashed list", "A listed term", "A match of a hashed rule")
_LETTERS = regex.compile(r"[\p{L}\p{N}]+")
_SECRET_KEYS = ("salt", "digests", "algorithm", "lengths", "typos", "hashed", "hashed_allow")  # hex


@dataclass
class HashResult:
    """The hashed pack as YAML text, and what had to change to keep the terms out of it."""

    text: str
    hashed_rules: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def new_salt() -> str:
    """A random salt for one hash run: the same term hashes differently in every pack."""
    return secrets.token_hex(16)


def salt_from_env(name: str) -> str:
    """The salt held in an environment variable, or a usage error naming it."""
    value = os.environ.get(name, "")
    if not value.strip():
        raise UsageError(f"--salt-from-env {name}: the environment variable is not set or empty")
    return value


class _Terms:
    """The terms to keep out of the output, and a test for whether a text repeats one."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        self._plain = [t.casefold() for t in self.terms]
        self._joined = [k for t in self.terms if len(k := _joined(t)) >= 4]
        # Longer terms are caught by their letters run together; short ones need whole words.
        self._words = [w for t in self.terms if len(_joined(t)) < 4 and (w := _words(t))]

    def leaks(self, text: str) -> bool:
        """True when `text` holds a term: as typed, folded, or with its words run together."""
        folded, joined, words = text.casefold(), _joined(text), _words(text)
        return (any(t in folded for t in self._plain) or any(k in joined for k in self._joined)
                or any(_contains(words, w) for w in self._words))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> tuple[str, ...]:
    return tuple(_LETTERS.findall(_fold(text)))


def _joined(text: str) -> str:
    return "".join(_words(text))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _plain(value: Any) -> Any:
    # The located containers of yamlsrc are dict/list subclasses that yaml.safe_dump refuses.
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def hash_pack(src: str, out: str, salt: str) -> HashResult:
    """The hashed form of the rule file `src`, to be written at `out` (not written here)."""
    from guard.detect.hashing import ALGORITHM, canonical_term, hash_term, term_word_count

    pack = load_pack([src])  # refuse a pack that does not load, with the loader's errors
    src_path = _source_path(src)
    doc = _plain(load_yaml(src_path.read_text(encoding="utf-8"), str(src_path))) or {}
    own = {r.id: r for r in pack.rules
           if r.source and Path(r.source.file).resolve() == src_path.resolve()}
    result = HashResult("")
    notes = result.notes
    # A rule whose terms are a vocabulary named as lists and whose decision is a veto model
    # (pii.special-category-scored) has nothing secret to hash, and without its model it would
    # flag every word of the vocabulary: it is left out.
    for raw in list(doc.get("rules") or []):
        if raw.get("veto") and any(str(t).startswith("@") for t in raw.get("terms") or []):
            doc["rules"].remove(raw)
            own.pop(raw["id"], None)
            notes.append(f"rule {raw['id']}: left out (its terms are a vocabulary decided by a "
                         "veto model that names words in clear)")
            named = {str(t)[1:] for t in raw.get("terms") or [] if str(t).startswith("@")}
            still = repr(doc.get("rules"))
            for name in named:  # its lists go with it, unless another rule names them
                if f"@{name}" not in still:
                    (doc.get("lists") or {}).pop(name, None)
            if "lists" in doc and not doc["lists"]:
                del doc["lists"]
    terms = _Terms([t for r in own.values() if kind(r).term_list for t in r.terms])
    ids, categories = _renames(doc, terms, salt, own, notes)
    for raw in doc.get("rules") or []:
        rule = own.get(raw["id"])
        hashable = rule is not None and kind(rule).term_list
        # Allow phrases that name a term are hashed with the terms, not dropped: the hashed
        # pack must allow what the plain pack allows.
        secret_allow = _take_leaking(raw, "allow", terms) if hashable else []
        _scrub_rule(raw, terms, ids, categories, notes)  # renames first: notes use the new id
        if raw.pop("veto", None) is not None:
            # A veto model names the words it weighs in clear: it cannot go with a hashed pack.
            notes.append(f"rule {raw['id']}: 'veto' left out (its model names words in clear); "
                         "the rule may flag talk about labels that the plain pack lets pass")
        if rule is not None and hashable:
            keyed = [t for t in rule.terms if canonical_term(t)]
            _hash_rule(raw, rule, keyed, salt, notes, ALGORITHM, hash_term, term_word_count)
            if secret_allow:
                block = _hashed_block(secret_allow, salt, typos=True)
                raw["hashed"].update({"allow": block["digests"],
                                      "allow_lengths": block["lengths"],
                                      "allow_typos": block["typos"]})
                notes.append(f"rule {raw['id']}: {len(secret_allow)} allow phrase(s) naming a "
                             "term hashed (still allowed)")
            result.hashed_rules.append(raw["id"])
    secret_pack_allow = _take_leaking(doc, "allow", terms)
    if secret_pack_allow:
        doc["hashed_allow"] = {"algorithm": ALGORITHM, "salt": salt,
                               **_hashed_block(secret_pack_allow, salt, typos=True)}
        notes.append(f"{len(secret_pack_allow)} pack-wide allow phrase(s) naming a term hashed "
                     "(still allowed)")
    _scrub_pack(doc, terms, src_path, Path(out), notes)
    leaks = list(_leaking_paths(doc, terms))
    if leaks:
        raise UsageError(
            "the hashed pack would still hold a term in clear at " + ", ".join(leaks)
            + "; remove the term from there (a pattern cannot be hashed) and hash again")
    header = ("# Written by `guard rules hash`: term lists are salted HMAC-SHA256 digests.\n"
              "# Edit the plain pack and hash it again; do not edit this file by hand.\n")
    result.text = header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return result


def _source_path(src: str) -> Path:
    plain_name = "/" not in src and not src.endswith((".yaml", ".yml"))
    return (resolve_bundled(src) if plain_name else None) or Path(src)


def _short_hash(salt: str, text: str) -> str:
    return hmac.new(salt.encode(), text.encode(), hashlib.sha256).hexdigest()[:10]


def _renames(doc: dict[str, Any], terms: _Terms, salt: str, own: dict[str, Rule],
             notes: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """New ids and categories for those that embed a term (references are updated too)."""
    ids: dict[str, str] = {}
    categories: dict[str, str] = {}
    for raw in doc.get("rules") or []:
        rid = raw["id"]
        category = raw.get("category") or rid.split(".")[0]
        if terms.leaks(category):
            categories[category] = "hashed-" + _short_hash(salt, category)[:6]
            notes.append(f"a category named a term: renamed to {categories[category]}")
        if terms.leaks(rid):
            first = rid.split(".")[0]
            prefix = categories.get(first, first) if not terms.leaks(first) else "hashed"
            ids[rid] = f"{prefix}.h{_short_hash(salt, rid)}"
            src = own[rid].source if rid in own else None
            where = f"the rule on line {src.line}" if src else "a rule"
            # Notes never repeat the old id: CI logs must not show the term either.
            notes.append(f"{where}: its id named a term; it is now {ids[rid]} (findings report "
                         "the new id; if it overrode a rule of an extended pack, it no longer "
                         "does)")
    return ids, categories


def _hash_rule(raw: dict[str, Any], rule: Rule, keyed: list[str], salt: str, notes: list[str],
               algorithm: str, hash_term: Any, word_count: Any) -> None:
    new_id = raw["id"]
    if len(keyed) < len(rule.terms):
        notes.append(f"rule {new_id}: {len(rule.terms) - len(keyed)} term(s) without letters or "
                     "digits were dropped (they cannot be matched)")
    raw.pop("terms", None)
    raw.pop("terms_file", None)
    match = dict(raw.get("match") or {})
    fuzzy = match.pop("fuzzy", 1)
    block = _hashed_block(keyed, salt, typos=fuzzy > 0)
    raw["hashed"] = {"algorithm": algorithm, "salt": salt, "digests": block["digests"],
                     "lengths": block["lengths"]}
    if block["typos"]:
        raw["hashed"]["typos"] = block["typos"]
    if fuzzy > 1:
        notes.append(f"rule {new_id}: fuzzy matching keeps one typo, not {fuzzy}: digests of "
                     "one-letter deletions stand in for the terms")
    if match.pop("case", "insensitive") == "sensitive":
        notes.append(f"rule {new_id}: 'case: sensitive' was dropped: terms are hashed folded")
    if match:
        raw["match"] = match
    else:
        raw.pop("match", None)
    if raw.pop("examples", None):
        notes.append(f"rule {new_id}: examples dropped (they hold the terms); test the plain "
                     "pack with `guard rules test` before hashing")


def _hashed_block(phrases: list[str], salt: str, typos: bool) -> dict[str, list[Any]]:
    """Digests, word counts and (for keys long enough for a typo) one-deletion digests."""
    from guard.detect.hashing import canonical_term, hash_term, term_word_count, typo_digests
    from guard.detect.terms import MIN_FUZZY_LETTERS

    keyed = [p for p in phrases if canonical_term(p)]
    tagged: set[str] = set()
    if typos:
        for phrase in keyed:
            if len(canonical_term(phrase)) >= MIN_FUZZY_LETTERS:
                tagged.update(typo_digests(phrase, salt))
    return {"digests": sorted({hash_term(p, salt) for p in keyed}),
            "lengths": sorted({term_word_count(p) for p in keyed}),
            "typos": sorted(tagged)}


def _take_leaking(holder: dict[str, Any], key: str, terms: _Terms) -> list[str]:
    """Remove and return the items of holder[key] that name a term."""
    items = holder.get(key)
    if not isinstance(items, list):
        return []
    leaking = [str(i) for i in items if terms.leaks(str(i))]
    kept = [i for i in items if not terms.leaks(str(i))]
    if kept:
        holder[key] = kept
    else:
        holder.pop(key)
    return leaking


def _scrub_rule(raw: dict[str, Any], terms: _Terms, ids: dict[str, str],
                categories: dict[str, str], notes: list[str]) -> None:
    old_id = raw["id"]
    rid = raw["id"] = ids.get(old_id, old_id)
    if "category" in raw:
        raw["category"] = categories.get(raw["category"], raw["category"])
    elif old_id.split(".")[0] in categories:
        raw["category"] = categories[old_id.split(".")[0]]
    near = raw.get("near") or {}
    for key, mapping in (("rule", ids), ("category", categories)):
        if isinstance(near.get(key), str):
            near[key] = mapping.get(near[key], near[key])
        elif isinstance(near.get(key), list):
            near[key] = [mapping.get(v, v) for v in near[key]]
    if terms.leaks(raw.get("message", "")):
        stand_in = next((m for m in HASHED_MESSAGES if not terms.leaks(m)), None)
        if stand_in is None:
            raw.pop("message")
        else:
            raw["message"] = stand_in
        notes.append(f"rule {rid}: its message named a term and was replaced")
    for key in ("suggestion", "owner"):
        if terms.leaks(raw.get(key, "")):
            raw.pop(key)
            notes.append(f"rule {rid}: its {key} named a term and was dropped")
    if "examples" in raw and terms.leaks(repr(raw["examples"])):
        raw.pop("examples")
        notes.append(f"rule {rid}: examples dropped (they hold the terms); test the plain pack "
                     "with `guard rules test` before hashing")
    _drop_items(raw, "allow", terms, notes, f"rule {rid}: allow phrase(s)",
                "drafts with those phrases are flagged now")
    _drop_items(raw, "tags", terms, notes, f"rule {rid}: tag(s)", "")
    for key in ("context", "exclude"):
        block = raw.get(key)
        if not isinstance(block, dict):
            continue
        for sub in ("words", "patterns"):
            _drop_items(block, sub, terms, notes, f"rule {rid}: {key} {sub}", "")
        if not block.get("words") and not block.get("patterns"):
            raw.pop(key)


def _drop_items(holder: dict[str, Any], key: str, terms: _Terms, notes: list[str],
                what: str, effect: str) -> None:
    items = holder.get(key)
    if not isinstance(items, list):
        return
    kept = [i for i in items if not terms.leaks(str(i))]
    if len(kept) == len(items):
        return
    notes.append(f"{what}: {len(items) - len(kept)} naming a term dropped"
                 + (f" ({effect})" if effect else ""))
    if kept:
        holder[key] = kept
    else:
        holder.pop(key)


def _scrub_pack(doc: dict[str, Any], terms: _Terms, src: Path, out: Path,
                notes: list[str]) -> None:
    if terms.leaks(str(doc.get("name", ""))):
        doc["name"] = "hashed-pack"
        notes.append("the pack's name named a term: renamed to hashed-pack")
    if terms.leaks(str(doc.get("description", ""))):
        doc.pop("description")
        notes.append("the pack's description named a term and was dropped")
    _drop_items(doc, "allow", terms, notes, "pack-wide allow phrase(s)",
                "drafts with those phrases are flagged now")
    extends = doc.get("extends")
    if extends is not None:
        entries = [extends] if isinstance(extends, str) else list(extends)
        doc["extends"] = [_rebase(e, src, out, notes) for e in entries]


def _rebase(entry: str, src: Path, out: Path, notes: list[str]) -> str:
    """An extends entry that still points at the same pack from the output's folder."""
    looks_like_path = "/" in entry or os.sep in entry or entry.endswith((".yaml", ".yml"))
    if not looks_like_path and resolve_bundled(entry) is not None:
        return entry
    target = (src.parent / entry).resolve()
    bundled = resolve_bundled(target.stem)
    if bundled is not None and bundled.resolve() == target:
        return target.stem  # a bundled pack keeps its name: it ships with every install
    notes.append(f"extends '{entry}': that pack is not hashed; hash it too if it holds terms")
    return os.path.relpath(target, out.resolve().parent)


def _leaking_paths(node: Any, terms: _Terms, path: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _SECRET_KEYS:
                yield from _leaking_paths(value, terms, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaking_paths(value, terms, f"{path}[{i}]")
    elif isinstance(node, str) and terms.leaks(node):
        yield path
