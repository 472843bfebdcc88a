"""Editors' mistakes fail `mkdocs build --strict` with the message the checker prints.

The cases are the one bad-input corpus (tests/corpus/, see tests/support/corpus.py):
each case that says `build:` is applied to a copy of the project and built. The
checker's side of the same cases is tests/test_checker.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_build
from tests.support import corpus


def builds(case: dict) -> bool:
    return "build" in case


def pytest_generate_tests(metafunc):
    # Read at collection through corpus.params (a broken case file fails as its own test).
    if "corpus_file" in metafunc.fixturenames:
        metafunc.parametrize("corpus_file", corpus.params(None, builds))


def expected_in_build(case: dict, line: int) -> re.Pattern[str]:
    """What the build's output must hold: the checker's own line (`build: same`) or a regex."""
    if case["build"] == "same":
        if "expect" in case:
            return re.compile(re.escape(corpus.expand(case["expect"], case, line)))
        return re.compile(corpus.expand(case["expect_re"], case, line))
    return re.compile(corpus.expand(case["build"], case, line))


def test_most_mistakes_fail_the_build_too():
    # The corpus says, case by case, which mistakes the build itself refuses: most of them.
    assert len(corpus.params(None, builds)) >= 30


@pytest.mark.slow
def test_bad_input_fails_the_build_with_the_checkers_message(corpus_file: Path, pristine, tmp_path):
    case = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    line = corpus.apply(project, case)
    result = run_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed:\n{output[-3000:]}"
    pattern = expected_in_build(case, line)
    assert pattern.search(output), f"{pattern.pattern!r} not in:\n{output[-4000:]}"


def test_the_expectation_does_not_match_a_good_build(corpus_file: Path, build_log):
    """Control: the case's expected line is absent from the log of a build that succeeded, so a
    passing case is the mistake being reported, not words every build prints."""
    case = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    for line in (1, 2, 500):
        pattern = expected_in_build(case, line)
        assert not pattern.search(build_log), f"{pattern.pattern!r} matches a good build's log"


@pytest.mark.slow
def test_a_failed_build_is_not_a_success(project_copy, tmp_path):
    """mkdocs exits non-zero, and `make build` (which CI runs) would stop there."""
    path = project_copy / "docs/changes.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n{{ term("nope") }}\n', encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Aborted with" in result.stdout + result.stderr
