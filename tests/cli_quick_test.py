"""`guard check` and `guard hook` read without typer (guard.commands.quick): the same values as
typer's reading, typer's own messages for everything else, and no typer import on the everyday
forms."""

from __future__ import annotations

import inspect
import subprocess
import sys
from enum import Enum

import pytest

from guard import cli
from guard.commands import checking, hooking
from guard.commands.quick import READERS, parse

DEFAULTS = {
    name: p.default for name, p in inspect.signature(checking.run).parameters.items()
}
HOOK_DEFAULTS = {
    name: p.default for name, p in inspect.signature(hooking.run).parameters.items()
}


def parse_check(args: list[str]) -> dict[str, object] | None:
    parsed = parse("check", args)
    return None if parsed is None else parsed[1]

# Forms both readings must agree on: every option, both spellings, repeats, order, `--`, '-'.
AGREED = [
    [],
    ["hello"],
    ["-"],
    ["--no-nlp", "Café ☕ launch on 12/03"],
    ["Ships Monday 🚀", "--no-nlp"],
    ["-r", "a.yaml", "--rules", "b.yaml", "draft"],
    ["--rules=a.yaml", "draft"],
    ["-f", "a.txt", "--file", "-"],
    ["--file=notes.md", "--format", "json"],
    ["--format=sarif", "draft"],
    ["--format", "github", "-f", "x.txt"],
    ["--platform", "x-classic", "draft"],
    ["-p", "bluesky", "draft"],
    ["--platform=mastodon", "draft"],
    ["--fail-on", "warn", "draft"],
    ["--redact", "secret ghp_x"],
    ["--lang", "fr", "Réunion à 9h"],
    ["--lang", "en", "--lang", "fr", "twice: the last wins"],
    ["--format", "json", "--format", "text", "draft"],
    ["--today", "2026-01-02", "draft"],
    ["--override", "approved by legal", "--audit", "audit.db", "draft"],
    ["--audit=postgresql://u:p@h/db", "draft"],
    ["--thread", "first post", "second post"],
    ["--image", "a.png", "--alt", "", "--image", "b.png", "caption"],
    ["--no-ocr", "--image", "a.png", "draft"],
    ["--", "-5% revenue, said nobody"],
    ["draft", "--", "--rules", "-r"],
    ["one", "two"],
    ["", "--no-nlp"],
]

# Forms typer reads (or refuses with its message): the quick reader leaves them alone.
LEFT_TO_TYPER = [
    ["--help"],
    ["-h"],
    ["-ra.yaml", "draft"],
    ["--nope", "draft"],
    ["--rule", "a.yaml", "draft"],
    ["--format", "yaml", "draft"],
    ["--format", "JSON", "draft"],
    ["--platform", "x_classic", "draft"],
    ["--lang", "de", "draft"],
    ["--rules"],
    ["draft", "--today"],
    ["--redact=yes", "draft"],
    ["--rules", "--no-nlp", "draft"],
    ["-5% revenue"],
]


def typer_reading(args: list[str], monkeypatch: pytest.MonkeyPatch,
                  command: str = "check") -> dict[str, object] | None:
    """The values typer passes to `run` for `guard COMMAND ARGS` (None: it refused them)."""
    seen: dict[str, object] = {}

    def record(**values: object) -> int:
        seen.update(values)
        return 0

    monkeypatch.setattr(f"guard.commands.{command}.run", record)
    code = cli._with_typer([command, *args])
    return seen if code == 0 and seen else None


@pytest.mark.parametrize("args", AGREED, ids=repr)
def test_the_quick_reading_is_typers(args, monkeypatch):
    quick = parse_check(args)
    assert quick is not None
    assert {**DEFAULTS, **quick} == typer_reading(args, monkeypatch)


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=repr)
def test_other_forms_are_left_to_typer(args):
    assert parse_check(args) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "yaml", "draft"], "'yaml' is not one of 'text', 'json', 'sarif', 'github'"),
        (["--lang", "de", "draft"], "'de' is not a language the guard knows; use one of en, fr"),
        (["--nope", "draft"], "No such option: --nope"),
        (["-ra.yaml", "--no-nlp", "hi"], "rule file 'a.yaml' not found"),
    ],
)
def test_typer_still_says_what_is_wrong(cli, args, message):
    run = cli("check", *args)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err


def test_help_is_typers(cli):
    run = cli("check", "--help")
    assert run.code == 0
    assert "Usage: guard check [OPTIONS] [text]..." in run.out
    assert "--no-nlp" in run.out and "--rules" in run.out


@pytest.mark.parametrize(("command", "arguments", "defaults"),
                         [("check", "text", DEFAULTS), ("hook", "files", HOOK_DEFAULTS)])
def test_the_table_is_the_typer_commands_options(command, arguments, defaults):
    """Every option of the command is in the quick reader's table, under typer's parameter
    name and kind: an option added to the command without the table fails here."""
    import typer

    reading = READERS[command]()
    group = typer.main.get_command(cli.build_app(command))
    declared = {}
    for param in group.commands[command].params:  # type: ignore[attr-defined]
        if param.param_type_name != "option":
            assert param.name == arguments == reading.arguments and param.nargs == -1
            continue
        for opt in param.opts + param.secondary_opts:
            declared[opt] = param
    assert set(declared) == set(reading.options)
    for opt, (name, kind) in reading.options.items():
        param = declared[opt]
        assert param.name == name, opt
        assert param.is_flag == (kind is bool), opt
        assert param.multiple == (kind is list), opt
        if isinstance(kind, type) and issubclass(kind, Enum):
            assert list(param.type.choices) == [k.value for k in kind], opt
    assert {name for name, _ in reading.options.values()} | {arguments} == set(defaults)


HOOK_AGREED = [
    [],
    ["posts/launch.md"],
    ["--no-nlp", "a.txt", "b.md", "données/été.yaml"],
    ["a.txt", "-r", "acme.yaml", "--rules=clients.yaml", "--fail-on", "warn"],
    ["-p", "x-classic", "--today", "2026-12-01", "a.txt"],
    ["--", "-odd-name.md"],
]


@pytest.mark.parametrize("args", HOOK_AGREED, ids=repr)
def test_the_quick_reading_of_the_hook_is_typers(args, monkeypatch):
    parsed = parse("hook", args)
    assert parsed is not None and parsed[0] is hooking.run
    assert {**HOOK_DEFAULTS, **parsed[1]} == typer_reading(args, monkeypatch, "hook")


@pytest.mark.parametrize("args", [["--help"], ["--format", "json", "a.txt"], ["--lang", "fr"],
                                  ["--fail-on", "never", "a.txt"]], ids=repr)
def test_other_hook_forms_are_left_to_typer(args):
    assert parse("hook", args) is None


def test_other_commands_are_left_to_typer():
    assert parse("scan", ["a.jsonl"]) is None
    assert parse("rules", ["lint"]) is None


def test_a_quick_hook_run_is_the_hook(cli, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Ship it 🚀\n\nour AWS key AKIAIOSFODNN7EXAMPL3 for the demo\n",
                    encoding="utf-8")
    run = cli("hook", "--no-nlp", str(post))
    assert run.code == 1
    assert f"{post}:3:" in run.out and "AKIAIOSFODNN7EXAMPL3" not in run.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--no-nlp", "--format", "json", "Projet Falcon, lundi 🚀"], "0 False"),
        (["hook", "--no-nlp", "missing.md"], "1 False"),  # an unreadable file fails closed
        (["check", "--nope"], "2 True"),  # a usage error: typer's message
        (["check", "--help"], "0 True"),
    ],
    ids=repr,
)
def test_typer_is_imported_only_when_it_reads(tmp_path, args, expected):
    code = (
        "import sys\n"
        "from guard.cli import main\n"
        f"code = main({args!r})\n"
        "print(code, 'typer' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, check=False)
    assert out.stderr.strip().splitlines()[-1] == expected
    if args[:2] == ["check", "--no-nlp"]:
        assert '"verdict": "allow"' in out.stdout
