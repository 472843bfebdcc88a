"""The editors' checker catches every mistake in tests/corpus/ with the exact file, line and message.

Each corpus file describes one mistake: which file to change and how, and the
line the checker must print. The checker runs on a temporary copy of the
project, and must not change any file there.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.check import run as check
from tests.support import corpus

# The day the checker checks as of: fixed, so review dates give the same verdict every day, but
# never before the newest change entry (an entry dated after the day checked is refused).
TODAY = max(["2026-11-30", *re.findall(r"^- date: (\d{4}-\d{2}-\d{2})$",
                                       (Path(__file__).parents[1] / "macros" / "data" / "changes.yml")
                                       .read_text(encoding="utf-8"), re.MULTILINE)])


def pytest_generate_tests(metafunc):
    # The corpus is read here, not at import, and named by file (tests/support/corpus.py): a broken
    # case file fails as its own test instead of stopping the collection of every test.
    if "corpus_file" in metafunc.fixturenames:
        metafunc.parametrize("corpus_file", corpus.params(None))


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def expectation(case: dict, line: int | None) -> re.Pattern:
    """What one printed line must be: `expect`, the whole line exactly (so a change of wording fails),
    or start with: `expect_re` (a regular expression), with {file}, {line} and {line_plus_N} filled in;
    with `line` None, at any line (for the control)."""
    literal = "expect" in case
    template = case["expect"] if literal else case["expect_re"]
    values = {"file": re.escape(case["file"]) if literal else case["file"]}
    values.update({"line": r"\d+"} if line is None else {"line": str(line)})
    values.update({f"line_plus_{n}": r"\d+" if line is None else str(line + n) for n in range(1, 10)})
    quote = re.escape if literal else str
    parts = re.split(r"\{(\w+)\}", template)  # text, name, text, name, ..., text
    return re.compile("".join(values.get(part, quote(f"{{{part}}}")) if index % 2 else quote(part)
                              for index, part in enumerate(parts)) + (r"\Z" if literal else ""))


def run_checker(project: Path, case: dict) -> tuple[int, str]:
    """The checker's exit code and printed lines for `project`, with the case's options."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        # Links, anchors and the nav are MkDocs' own checks: cases that say so need the checker's build.
        build = [] if case.get("needs_build") else ["--no-build"]
        code = check.main([*build, "--project", str(project), "--today", TODAY, *case.get("args", [])])
    return code, printed.getvalue()


@pytest.fixture(scope="module")
def untouched_output(pristine):
    """What the checker prints for the untouched project, run once per set of options."""
    outputs: dict[tuple[str, ...], str] = {}

    def output(case: dict) -> str:
        args = (*case.get("args", []), str(bool(case.get("needs_build"))))
        if args not in outputs:
            outputs[args] = run_checker(pristine, case)[1]
        return outputs[args]
    return output


def test_corpus_is_large_enough():
    assert len(corpus.cases(None)) >= 30


def test_checker_catches(corpus_file, pristine, tmp_path):
    case = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    line = corpus.apply(project, case)
    before = snapshot(project)
    code, out = run_checker(project, case)
    assert code == 1, out
    pattern = expectation(case, line)
    assert any(pattern.match(printed) for printed in out.splitlines()), f"expected /{pattern.pattern}/ in:\n{out}"
    assert snapshot(project) == before, "the checker changed files"


def test_expectation_is_not_met_by_the_untouched_project(corpus_file, untouched_output):
    """Control: each case's expected line, at any line number, is absent from what the checker
    prints for the untouched project with the same options, so the test above can fail."""
    case = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    out = untouched_output(case)
    pattern = expectation(case, None)
    assert not [printed for printed in out.splitlines() if pattern.match(printed)], out


def test_allowed_wording_passes(pristine, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    corpus.apply(project, {"file": "docs/changes.md",
                    "append": "There is no cure. It does not remove toxins. Botulinum toxin is a drug.\n"})
    check.main(["--no-build", "--project", str(project), "--today", TODAY])
    assert "banned promise word" not in capsys.readouterr().out


@pytest.mark.slow  # a full build of its own, beside the session's
def test_checker_passes_on_main_with_build(capsys):
    code = check.main(["--today", TODAY])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "reading grades" in out
