"""The `secrecy:` forms run under the pack's time budget (round twelve): a compliance officer's
form that backtracks catastrophically stops the check (exit 3, the form named), never hangs it."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import SecrecyTimeout, compiled, secrecy, secrecy_groups
from guard.engine import Guard
from guard.errors import CheckError
from guard.packs.loader import load_pack

RUNAWAY = """\
    version: 1
    extends: [default]
    settings: {{pattern_timeout_ms: {budget}}}
    secrecy:
      runaway:
        says: nonpublic
        pattern: '(?:a+)+b'
    """
# (a+)+b on a long run of "a" and no "b": the engine tries every split of the run.
DRAFT = "a" * 3000 + " we lay off 40 people in May"
MESSAGE = ("secrecy.runaway: the form's pattern ran past the time limit of 50 ms on this draft, "
           "so the draft was not checked")


def test_a_runaway_form_is_a_check_error_naming_the_form(write_pack):
    guard = Guard.from_files([str(write_pack(RUNAWAY.format(budget=50)))], nlp=False)
    with pytest.raises(CheckError, match=MESSAGE) as err:
        guard.check(DRAFT, platform="mastodon")
    assert isinstance(err.value, SecrecyTimeout)
    assert "avoid nested quantifiers" in str(err.value)
    # the same pack checks an ordinary draft: the form only runs away on the long run of "a"
    report = guard.check("We lay off 40 people in May 🤫 don\u2019t tell anyone")
    assert report.verdict == "block"
    # round twenty-four: the retrained marker veto keeps "don't tell anyone" after the layoff
    # (the veto before the round read the draft as talk, p < 0.1, and dropped it)
    assert [f.rule for f in report.findings] == ["event.mnpi", "marker.do-not-share"]


def test_a_runaway_form_exits_3_on_the_command_line(cli, write_pack, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--no-nlp", "-r", write_pack(RUNAWAY.format(budget=50)), "--file", draft)
    assert run.code == 3
    assert MESSAGE in run.err
    assert "raise settings.pattern_timeout_ms" in run.err and "Traceback" not in run.err


def test_the_spans_and_groups_are_searched_under_the_budget_too(write_pack):
    pack = load_pack([str(write_pack(RUNAWAY.format(budget=50)))])
    forms = next(r.events.secrecy for r in pack.rules if r.events is not None)
    grammar = compiled(forms, 50)
    with pytest.raises(SecrecyTimeout, match=r"secrecy\.runaway"):
        secrecy(fold(DRAFT), grammar)
    with pytest.raises(SecrecyTimeout, match=r"secrecy\.runaway"):
        secrecy_groups(DRAFT.casefold(), grammar)
    # the bundled forms with a budget find what they did without one
    text = fold("Don\u2019t tell anyone: LEGAL SAYS NO COMMENT")
    spans = [(s.group, s.text) for s in secrecy(text, compiled(forms, 60000))]
    assert ("nonpublic", "Don't tell") in spans


def test_a_runaway_form_is_a_503_from_guard_serve(write_pack):
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    from tests.serve.server_test import _app, serving

    app, _ = _app(write_pack(RUNAWAY.format(budget=50)))
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        r = client.post("/v1/check", json={"text": DRAFT})
        assert r.status_code == 503
        error = r.json()["error"]
        assert error["code"] == "check_failed"
        assert "secrecy.runaway" in error["message"]
        ok = client.post("/v1/check", json={"text": "hello"})
        assert (ok.status_code, ok.json()["verdict"]) == (200, "allow")


def test_a_form_the_probe_sees_run_away_does_not_load(write_pack, cli):
    # Exponential on a few dozen characters: refused at load with where it is, as a pattern
    # rule is, instead of stopping every check of a draft that has its words.
    path = write_pack("""\
        version: 1
        extends: [default]
        secrecy:
          stammer:
            says: nonpublic
            pattern: '^(?:sh|s|h)+$'
        """)
    run = cli("check", "--no-nlp", "-r", path, "hello")
    assert run.code == 2
    assert f"{path}:6:" in run.err and "secrecy.stammer" in run.err
    assert "backtracks catastrophically" in run.err
    assert "possessive quantifier" in run.err and "Traceback" not in run.err
    lint = cli("rules", "lint", path)
    assert lint.code == 2 and "secrecy.stammer" in lint.err + lint.out


def test_the_bundled_forms_show_no_risky_shape():
    # The loader does not probe the bundled forms (it would cost every cold check): this holds
    # them to it instead.
    from guard.detect.redos import pattern_risks
    from guard.packs.bundled import bundled_secrecy

    forms = bundled_secrecy()
    assert len(forms) >= 20
    risky = {f.name: risk for f in forms if (risk := pattern_risks("(?i)" + f.pattern))}
    assert risky == {}
