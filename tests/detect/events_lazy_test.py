"""The events detector builds its secrecy forms and decision regexes only for drafts that need
them (round nine of issue 15): a cold `guard check --no-nlp` of a plain draft compiles no
`secrecy:` form and loads no shape module, and the lazily compiled forms find exactly what
forms compiled up front find."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import (
    Grammar,
    aside,
    compiled,
    inside,
    labels,
    secrecy,
    secrecy_groups,
)
from guard.packs.bundled import bundled_secrecy
from guard.packs.loader import load_pack

FORMS = bundled_secrecy()

# What the cold process reports: the CLI's exit code, how many of the pack's forms were
# compiled, and whether the shape module was loaded.
_COLD = (
    "import io, contextlib, sys\n"
    "from guard.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    code = main(['check', '--no-nlp', *sys.argv[1:]])\n"
    "from guard.detect.events import secrecy\n"
    "from guard.packs.cache import load_cached\n"
    "from guard.packs.pack import discover\n"
    "forms = next(r.events.secrecy for r in load_cached(discover(())).rules if r.events)\n"
    "g = secrecy.compiled(forms)\n"
    "lazy = [p for kind in (g.nonpublic, g.order, g.inside, g.labels, g.aside, g.customer,"
    " g.withheld, g.listed)"
    " for _, p in kind]\n"
    "print(code, sum(p.compiled for p in lazy), len(lazy),"
    " 'guard.detect.events.shape' in sys.modules)\n"
)


def _cold(tmp_path, draft: str) -> tuple[int, int, int, bool]:  # type: ignore[no-untyped-def]
    env = {"GUARD_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:  # a work tree run against a shared environment's install
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    out = None
    for _ in range(2):  # the first run fills the pack cache, the second reads it (the hook's case)
        out = subprocess.run([sys.executable, "-c", _COLD, draft], capture_output=True,
                             text=True, cwd=tmp_path, env=env)
        assert out.returncode == 0, out.stderr
    assert out is not None
    code, done, total, shape = out.stdout.split()
    return int(code), int(done), int(total), shape == "True"


def test_a_cold_check_of_a_plain_draft_compiles_no_secrecy_form(tmp_path):
    code, done, total, shape = _cold(tmp_path, "hello")
    assert (code, done, shape) == (0, 0, False)
    assert total == len(FORMS) > 20


def test_a_cold_check_compiles_only_the_forms_whose_words_the_draft_has(tmp_path):
    code, done, total, _ = _cold(tmp_path, "I can't tell you anything until the announcement")
    assert code in (0, 1)
    assert 0 < done < total


def _reference(low: str) -> tuple[set[str], bool, bool, bool]:
    """secrecy_groups, inside, labels and aside (round thirteen) with every form compiled up
    front (the code before round nine), written out plainly, with the engine the detector uses
    since round twelve (the `regex` module: its `\\s` is Unicode's White_Space, which leaves out
    the control characters \\x1c-\\x1f that `re` counts as space, so the engines differ on such
    drafts)."""
    words = set(re.findall(r"\w+", low))

    def hits(says: str) -> bool:
        return any(regex.compile(f.pattern, regex.I | regex.V0).search(low) for f in FORMS
                   if f.says == says and all(not set(g).isdisjoint(words) for g in f.gate))

    own = {"own"} if hits("inside") else set()
    if not hits("nonpublic"):
        groups = own
    else:
        groups = {"nonpublic", "own"} if hits("order") else {"nonpublic"} | own
    return groups, hits("inside"), hits("labels"), hits("aside")


AWKWARD = [
    "hello",
    "I can't tell you, but don't post about it until the bank announces it 🤫",
    "Security says don't post about it before the announcement drops",
    "La direction nous demande de n'en parler à personne avant l'annonce officielle",
    "Vous l'apprendrez dans la presse, je n'ai pas le droit d'en dire plus",
    "ne le dis à personne : 工厂 ferme en juin, 内部消息 only",
    "I c\u0430n't tell you (a Cyrillic \u0430), keep it off the group chat",  # a look-alike
    "STRASSE straße: all I'm allowed to say is that Q3 is big, ﬁnal ﬁgures come out in July",
    "Confidential, Internal, Public: the three labels, explained",
    "Plot twist in my NOVEL: the CFO resigns 🤫; @AppleSupport, journalists: no embargo",
    "barista here: we're not supposed to talk about the new menu " * 60,
]


def test_lazy_forms_find_what_forms_compiled_up_front_find():
    grammar = compiled(FORMS)
    for draft in AWKWARD:
        low = fold(draft).casefold()
        groups, is_inside, has_labels, is_aside = _reference(low)
        assert secrecy_groups(low, grammar) == groups, draft
        assert inside(low, grammar) is is_inside, draft
        assert labels(low, grammar) is has_labels, draft
        assert aside(low, grammar) is is_aside, draft


_WORDS = ["tell", "told", "announce", "announcement", "until", "before", "can't", "don't",
          "post", "about", "it", "personne", "parler", "n'en", "presse", "confidential",
          "internal", "here", "allowed", "say", "ß", "🤫", "内部", "é", "c\u0430n't", "we", "our",
          "novel", "in my", "@askacme", "journalists:", "never share your", "tip:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), min_size=1, max_size=25))
def test_lazy_forms_match_up_front_forms_on_generated_drafts(parts):
    draft = " ".join(parts)
    low = fold(draft).casefold()
    grammar = compiled(FORMS)
    groups, is_inside, has_labels, is_aside = _reference(low)
    assert secrecy_groups(low, grammar) == groups
    assert inside(low, grammar) is is_inside
    assert labels(low, grammar) is has_labels
    assert aside(low, grammar) is is_aside


def test_spans_are_the_same_from_a_fresh_lazy_grammar_and_a_preloaded_one():
    from guard.detect.events.detector import EventDetector
    from guard.detect.events.secrecy import _Lazy, compile_all

    rules = [r for r in load_pack(["default"]).rules if r.events is not None]
    warm = EventDetector(rules)
    warm.preload()
    kinds = ("nonpublic", "order", "inside", "labels", "aside", "customer")
    fresh = Grammar(**{k: tuple((gate, _Lazy(p.source)) for gate, p in getattr(
        compiled(FORMS), k)) for k in kinds})
    for draft in AWKWARD:
        folded = fold(draft)
        assert secrecy(folded, fresh) == secrecy(folded, compiled(FORMS)), draft
    compile_all(fresh)
    assert all(p.compiled for k in kinds for _, p in getattr(fresh, k))
    cold = EventDetector(rules)  # the same cached grammar: hits as the preloaded detector's
    for draft in AWKWARD:
        assert cold.find(draft) == warm.find(draft), draft


def test_the_gate_index_searches_what_every_gate_tested_in_turn_searches():
    from guard.detect.events.secrecy import _searched
    from guard.models import SecrecyForm

    forms = (
        SecrecyForm("a", "nonpublic", r"tell\w*", (("tell", "told"), ("you", "anyone"))),
        SecrecyForm("b", "nonpublic", r"ungated", ()),  # no gate: searched on every draft
        SecrecyForm("c", "nonpublic", r"never", (("never",), ())),  # an empty group: never
        SecrecyForm("d", "order", r"don't", (("don",),)),
        SecrecyForm("e", "nonpublic", r"until", (("until", "before", "tell"),)),
    )
    grammar = compiled(forms)
    for words in [set(), {"tell"}, {"tell", "you"}, {"told", "anyone", "until"}, {"never"},
                  {"don", "t"}, {"straße", "内部", "🤫"}, {"before", "tell", "you"}]:
        for kind in ("nonpublic", "order", "inside", "labels", "aside"):
            plain = [p for gate, p in getattr(grammar, kind)
                     if all(not g.isdisjoint(words) for g in gate)]
            assert _searched(grammar, kind, words) == plain, (words, kind)
