"""The pull-request check for a change entry (macros/check/changeentry.py), run on throwaway git repositories.

Each test makes a repository with a `main` branch, branches off it, commits a change and runs the
check as the workflow does (`--base main`): text readers see, changed without an entry in
macros/data/changes.yml, fails with a plain message; with an entry, with a maintainer's waiver, or
when only code changed, it passes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from macros.check import changeentry
from macros.content import datafiles
from tests.support.pages import ROOT

CHANGES = datafiles.display_path("changes")
ENTRY = "- date: 2026-11-30\n  pages: [safety]\n  kind: update\n  text: >-\n    Safety: a new sentence on bruises.\n"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                            env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                                 "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null",
                                 "PATH": "/usr/bin:/bin"})
    return result.stdout


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A repository whose `main` has a page, a data file, the change log, a skeleton and some code;
    HEAD is a new branch `edit` off main."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"docs/safety.md": "# Safety\n", "docs/compare/index.md": "# Compare\n",
                 "docs/_templates/topic.md": "# Skeleton\n", "docs/assets/stylesheets/site.css": "a {}\n",
                 "macros/data/faq.yml": "[]\n", "macros/data/redirects.yml": "[]\n", CHANGES: "[]\n",
                 "macros/site.py": "X = 1\n", "README.md": "Read me\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "edit")
    return repo


def run(repo: Path, capsys, *extra: str) -> tuple[int, str]:
    code = changeentry.main(["--base", "main", "--project", str(repo), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def commit(repo: Path, files: dict[str, str], message: str = "edit") -> None:
    write(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.mark.parametrize("files", [
    {"docs/safety.md": "# Safety\n\nA new sentence.\n"},
    {"macros/data/faq.yml": "[{key: new}]\n"},
    {"docs/new-page.md": "# New\n"},
    {"macros/data/handouts.yml": "[]\n"},  # a data file not registered yet is text too
])
def test_changed_text_without_an_entry_fails_with_a_plain_message(repo, capsys, files):
    commit(repo, files, "Safety: add a sentence\n\nChange-entry: a trailer is never read")
    code, out = run(repo, capsys)
    assert code == 1, out
    assert f"adds no entry to {CHANGES}" in out and next(iter(files)) in out
    assert "- date: " in out and "kind: update" in out and "CONTRIBUTING.md" in out
    assert changeentry.WAIVER_LABEL in out


def test_the_message_suggests_the_pages_changed(repo, capsys):
    commit(repo, {"docs/safety.md": "# Safety\n\nMore.\n", "docs/compare/index.md": "# Compare\n\nMore.\n",
                  "macros/data/faq.yml": "[{key: new}]\n"})
    code, out = run(repo, capsys)
    assert code == 1 and "pages: [compare, safety, faq]" in out, out


def test_changed_text_with_an_entry_passes(repo, capsys):
    commit(repo, {"docs/safety.md": "# Safety\n\nA new sentence.\n", CHANGES: ENTRY})
    code, out = run(repo, capsys)
    assert code == 0 and "has the change entry" in out, out


def test_the_entry_may_come_in_a_later_commit_of_the_pull_request(repo, capsys):
    commit(repo, {"docs/safety.md": "# Safety\n\nA new sentence.\n"})
    assert run(repo, capsys)[0] == 1
    commit(repo, {CHANGES: ENTRY}, "Add the change entry")
    assert run(repo, capsys)[0] == 0


@pytest.mark.parametrize("files", [
    {"macros/site.py": "X = 2\n"},
    {"README.md": "Read me again\n"},
    {"docs/_templates/topic.md": "# Skeleton, better\n"},
    {"docs/assets/stylesheets/site.css": "a { color: red }\n"},
    {"macros/data/redirects.yml": "[{from: old/, to: safety/}]\n"},
])
def test_code_and_files_readers_do_not_see_need_no_entry(repo, capsys, files):
    commit(repo, files)
    code, out = run(repo, capsys)
    assert code == 0 and "no change entry is needed" in out, out


def test_a_maintainers_label_waives_it(repo, capsys):
    commit(repo, {"docs/safety.md": "# Safety\n{## a note for editors ##}\n"})
    code, out = run(repo, capsys, "--waived")
    assert code == 0 and changeentry.WAIVER_LABEL in out, out


def test_changes_on_main_after_the_branch_left_it_do_not_count(repo, capsys):
    git(repo, "checkout", "-q", "main")
    commit(repo, {"docs/safety.md": "# Safety on main\n"})
    git(repo, "checkout", "-q", "edit")
    commit(repo, {"macros/site.py": "X = 3\n"})
    assert run(repo, capsys)[0] == 0


def test_an_unknown_base_is_an_error_that_says_what_to_fetch(repo, capsys):
    code, out = run(repo, capsys, "--head", "edit", "--base", "origin/nowhere")
    assert code == 2 and "fetch-depth: 0" in out, out


def test_the_summary_fences_file_names_from_the_pull_request(repo, capsys, tmp_path):
    commit(repo, {"docs/a```b.md": "# Odd\n"})
    summary = tmp_path / "summary.md"
    code, _ = run(repo, capsys, "--summary", str(summary))
    text = summary.read_text(encoding="utf-8")
    assert code == 1 and text.startswith("## Change entry: missing\n\n````text\n"), text
    assert text.rstrip().endswith("````")


def test_content_files_are_the_pages_and_the_data_readers_see():
    assert datafiles.is_content("docs/safety.md") and datafiles.is_content("docs/compare/index.md")
    assert not datafiles.is_content("docs/_templates/topic.md") and not datafiles.is_content("docs/assets/x.css")
    for data in datafiles.DATA_FILES:
        assert datafiles.is_content(data.path) == (data.kind not in ("changes", "redirects", "published-urls"))


def test_the_pull_request_workflow_runs_the_check_against_the_base_with_the_waiver_label():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    step = next(s for s in steps if "macros.check.changeentry" in s.get("run", ""))
    assert '--base "origin/${BASE_REF}"' in step["run"] and "--waived" in step["run"]
    assert step["env"]["WAIVED"] == (
        "${{ contains(github.event.pull_request.labels.*.name, '" + changeentry.WAIVER_LABEL + "') }}")
    assert "github.event" not in step["run"]  # event values reach the script only through env
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert str(checkout["with"]["fetch-depth"]) == "0"  # the merge base must be there
