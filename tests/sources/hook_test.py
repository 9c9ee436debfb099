"""The pre-commit hook: draft files, positions, redacted output, and `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from guard.sources.postfiles import front_matter_end, read_drafts
from tests.scripts import ROOT

REPO = ROOT
KEY = "AKIAIOSFODNN7EXAMPLE"  # AWS's documented example key: a critical secret finding


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def test_markdown_front_matter_is_skipped_and_offsets_map_to_the_file(cli, tmp_path):
    path = write(tmp_path, "post.md", f"""\
        ---
        title: {KEY}
        ---
        Launch day!
        our key is {KEY} oops
        """)
    run = cli("hook", path, "--rules", "default")
    assert run.code == 1
    lines = [line for line in run.out.splitlines() if ": secret." in line]
    # Only the body counts: the key in the front matter (line 2) is not a draft.
    assert lines and all(line.startswith(f"{path}:5:12: secret.") for line in lines)
    assert KEY not in run.out and "*" * len(KEY) in run.out


def test_front_matter_forms():
    assert front_matter_end("---\na: 1\n---\nbody") == len("---\na: 1\n---\n")
    assert front_matter_end("+++\na = 1\n+++\nbody") == len("+++\na = 1\n+++\n")
    assert front_matter_end("---\na: 1\n...\nbody") == len("---\na: 1\n...\n")
    assert front_matter_end("---\nnever closed\nbody") == 0
    assert front_matter_end("plain text\n---\n") == 0


def test_yaml_posts_are_reported_at_their_line(cli, tmp_path):
    path = write(tmp_path, "posts.yaml", f"""\
        posts:
          - id: mon
            text: Lovely morning in Paris
          - id: tue
            text: "our key {KEY} leaked"
          - id: wed
            text: |
              two lines
              with {KEY}
          - id: thu
            text: >
              folded {KEY}
        """)
    run = cli("hook", path, "--rules", "default")
    assert run.code == 1
    out = run.out.splitlines()
    # A one-line quoted value and a literal block map to the exact column; a folded block to
    # where its value starts.
    assert any(line.startswith(f"{path}:5:20: secret.aws-access-key:") and "in tue" in line
               for line in out)
    assert any(line.startswith(f"{path}:9:12: secret.aws-access-key:") and "in wed" in line
               for line in out)
    assert any(line.startswith(f"{path}:11:11: secret.aws-access-key:") and "in thu" in line
               for line in out)
    assert not any("in mon" in line for line in out)
    assert KEY not in run.out


def test_json_list_of_posts_and_problems(tmp_path):
    path = write(tmp_path, "posts.json", f'[{{"id": "a", "text": "hi {KEY}"}},\n {{"id": "b"}}]\n')
    drafts, problems = read_drafts(path)
    assert [d.name for d in drafts] == ["a"] and drafts[0].base == len('[{"id": "a", "text": "')
    assert [(p.line, p.message) for p in problems] == [(2, "b: a post needs a 'text' string")]


def test_files_that_hold_no_posts_are_skipped(cli, tmp_path):
    config = write(tmp_path, "config.yaml", "name: site\nitems: [1, 2]\n")
    empty = write(tmp_path, "empty.md", "---\ntitle: x\n---\n\n")
    other = write(tmp_path, "image.png", "not a draft")
    run = cli("hook", config, empty, other, "--rules", "default")
    assert (run.code, run.out) == (0, "")


def test_unreadable_files_fail_the_hook(cli, tmp_path):
    bad_yaml = write(tmp_path, "bad.yaml", "posts:\n  - text: [unclosed\n")
    bad_utf8 = tmp_path / "bad.txt"
    bad_utf8.write_bytes(b"caf\xe9")
    run = cli("hook", bad_yaml, str(bad_utf8), "--rules", "default")
    assert run.code == 1
    assert f"{bad_yaml}:" in run.out and "not valid YAML" in run.out
    assert f"{bad_utf8}:1:1: guard.unreadable: not valid UTF-8" in run.out


def test_clean_drafts_pass_quietly(cli, tmp_path):
    path = write(tmp_path, "post.txt", "See you at the meetup tonight!\n")
    run = cli("hook", path, "--rules", "default")
    assert (run.code, run.out) == (0, "")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_fails_on_a_leak_and_passes_clean(tmp_path):
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in manifest} == {"tweet-guard", "tweet-guard-fast"}
    assert all(h["require_serial"] and h["language"] == "system" for h in manifest)
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"],
                             cwd=REPO, capture_output=True, timeout=60)
    if tracked.returncode != 0:
        pytest.skip("try-repo reads the committed manifest: commit .pre-commit-hooks.yaml first")
    work = tmp_path / "posts-repo"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "t@example.com")
    _git(work, "config", "user.name", "t")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), GUARD_RULES="default",
               # `language: system` runs the guard installed next to this interpreter.
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("GIT_INDEX_FILE", None)

    def try_repo() -> subprocess.CompletedProcess[str]:
        _git(work, "add", "-A")
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "tweet-guard-fast",
             "--all-files", "--color", "never"],
            cwd=work, env=env, capture_output=True, text=True, timeout=300,
        )

    (work / "posts").mkdir()
    (work / "posts" / "monday.md").write_text("---\ntitle: hi\n---\nSee you at the meetup!\n")
    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "tweet-guard (draft posts, no NLP)" in clean.stdout and "Passed" in clean.stdout

    (work / "posts" / "tuesday.md").write_text(f"Our deploy key is {KEY}, enjoy\n")
    leaking = try_repo()
    assert leaking.returncode == 1, leaking.stdout + leaking.stderr
    assert "Failed" in leaking.stdout
    assert "posts/tuesday.md:1:19: secret.aws-access-key:" in leaking.stdout
    assert KEY not in leaking.stdout


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_mapped_offsets_point_at_the_same_text_in_the_file(tmp_path, newline):
    files = {
        "a.md": f"---{newline}t: 1{newline}---{newline}hi{newline}x {KEY} y{newline}",
        "b.yaml": newline.join(["posts:", "  - text: |", "      one", "", f"      k {KEY}",
                                "    id: 1", f"  - text: 'q {KEY}'", f"  - text: p {KEY}", ""]),
        "c.json": f'{{"posts": [{{"text": "j {KEY}"}}]}}',
    }
    mapped = 0
    for name, text in files.items():
        path = tmp_path / name
        path.write_bytes(text.encode())
        drafts, problems = read_drafts(str(path))
        assert drafts and not problems
        for draft in drafts:
            at = draft.file_offset(draft.text.index(KEY))
            assert at is not None, (name, draft)
            assert path.read_bytes().decode()[at:at + len(KEY)] == KEY
            mapped += 1
    assert mapped == 5
