"""Editors' mistakes fail `mkdocs build --strict` with a message that says where and what to do.

Each case breaks one thing in a copy of the project and builds it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_build

PAGE = "docs/changes.md"


def append(project: Path, rel: str, text: str) -> int:
    """Append text to a file; return the line number where it starts."""
    path = project / rel
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


def replace(project: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def fails_with(project: Path, tmp_path: Path, *patterns: str) -> str:
    result = run_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"build passed:\n{output[-3000:]}"
    for pattern in patterns:
        assert re.search(pattern, output), f"{pattern!r} not in:\n{output[-4000:]}"
    return output


def first_term_key(project: Path) -> str:
    text = (project / "macros/data/glossary.yml").read_text(encoding="utf-8")
    return re.search(r"^- key: ([a-z0-9-]+)", text, re.M).group(1)


CASES = {
    "unknown glossary term": (
        lambda p: append(p, PAGE, 'A {{ term("pneumothorx") }}.\n'),
        [r"docs/changes\.md:{line}: unknown glossary term 'pneumothorx' — did you mean 'pneumothorax'\?"]),
    "unknown citation key": (
        lambda p: append(p, PAGE, 'A claim {{ cite("gattie-2071") }}.\n'),
        [r"docs/changes\.md:{line}: unknown citation key 'gattie-2071' — did you mean 'gattie-2017'"]),
    "unknown comparison": (
        lambda p: append(p, PAGE, '{{ comparison("dry-needling-vs-acupunture") }}\n'),
        [r"docs/changes\.md:{line}: unknown comparison 'dry-needling-vs-acupunture' — did you mean "
         r"'dry-needling-vs-acupuncture'"]),
    "unknown grade": (
        lambda p: append(p, PAGE, 'Evidence: {{ grade("modrate") }}\n'),
        [r"docs/changes\.md:{line}: unknown evidence grade 'modrate' — did you mean 'moderate'"]),
    "undefined variable": (
        lambda p: append(p, PAGE, "Call {{ clinc }} today.\n"),
        [r"docs/changes\.md:{line}: 'clinc' is not one of the site's macros"]),
    "jinja syntax error": (
        lambda p: append(p, PAGE, "Broken {{ term('x' }}\n"),
        [r"docs/changes\.md:{line}: a macro call is not closed"]),
    "broken link": (
        lambda p: append(p, PAGE, "See [the page](no-such-page.md).\n"),
        [r"changes\.md.*no-such-page\.md"]),
    "broken anchor": (
        lambda p: append(p, PAGE, "See [safety](safety.md#no-such-section).\n"),
        [r"changes\.md.*no-such-section"]),
    "h2 without id": (
        lambda p: append(p, PAGE, "## A heading without an id\n"),
        [r"docs/changes\.md:{line}: heading '## A heading without an id' has no explicit id — add a stable id"]),
    "unknown front matter key": (
        lambda p: replace(p, PAGE, "sources: []", "sources: []\nsorces: []") + 1,
        [r"docs/changes\.md:{line}: unknown front matter key 'sorces' — did you mean 'sources'"]),
    "malformed front matter": (
        lambda p: replace(p, PAGE, "sources: []", "sources: [unclosed"),
        [r"docs/changes\.md:\d+: invalid YAML"]),
    "short description": (
        lambda p: replace(p, PAGE, "description: A dated list of changes to Dry Needling Guide's pages and data, "
                                   "built from the project's public history.", "description: Too short."),
        [r"docs/changes\.md:{line}: description is 10 characters long — write 50 to 160 characters"]),
    "malformed data YAML": (
        lambda p: append(p, "macros/data/faq.yml", "- key: broken\n  question: [unclosed\n"),
        [r"macros/data/faq\.yml:\d+: invalid YAML"]),
    "data entry missing a field": (
        lambda p: replace(p, "macros/data/glossary.yml", "  definition:", "  definitio:"),
        [r"macros/data/glossary\.yml:{line}: unknown field 'definitio'", r"missing required field 'definition'"]),
    "data value of the wrong type": (
        lambda p: replace(p, "macros/data/references.yml", "  year: 2017", "  year: twenty seventeen"),
        [r"macros/data/references\.yml:{line}: bad value 'twenty seventeen'"]),
    "duplicate data key": (
        lambda p: append(p, "macros/data/glossary.yml",
                         f"- key: {first_term_key(p)}\n  term: Copy\n  definition: A copy of another entry for this test.\n"
                         "  explanation: Copy.\n"),
        [r"macros/data/glossary\.yml:{line}: duplicate key '[a-z-]+' \(first at line \d+\)"]),
    "duplicate YAML mapping key": (
        lambda p: replace(p, "macros/data/scales.yml", "    label: Low evidence", "    label: Low evidence\n    label: Again") + 1,
        [r"macros/data/scales\.yml:{line}: duplicate key 'label'"]),
    "unknown reference in data": (
        lambda p: replace(p, "macros/data/comparisons.yml", "sources: [", "sources: [no-such-ref-2020, "),
        [r"macros/data/comparisons\.yml:\d+: unknown reference key 'no-such-ref-2020'"]),
    "unknown key inside data text": (
        lambda p: append(p, "macros/data/faq.yml", "- key: test-question\n  question: A question?\n"
                         "  answer: 'An answer {{ cite(\"gattie-2071\") }}.'\n") + 2,
        [r"macros/data/faq\.yml:{line}: unknown citation key 'gattie-2071' — did you mean 'gattie-2017'"]),
    "tab in YAML": (
        lambda p: replace(p, "macros/data/scales.yml", "    label: Moderate evidence", "\tlabel: Moderate evidence"),
        [r"macros/data/scales\.yml:{line}: tab used for indentation in YAML"]),
    "hostile template code": (
        lambda p: append(p, PAGE, "{{ cycler.__init__.__globals__.os.environ }}\n"),
        [r"docs/changes\.md:{line}: 'cycler\.__init__\.__globals__\.os\.environ' is not allowed inside"]),
    "snippet outside includes": (
        lambda p: append(p, PAGE, '--8<-- ".git/config"\n'),
        [r"(?i)snippet"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_the_build_with_a_helpful_message(project_copy, tmp_path, case):
    apply, patterns = CASES[case]
    line = apply(project_copy)
    fails_with(project_copy, tmp_path, *[p.replace("{line}", str(line)) for p in patterns])


@pytest.mark.slow
def test_a_failed_build_is_not_a_success(project_copy, tmp_path):
    """mkdocs exits non-zero, and `make build` (which CI runs) would stop there."""
    append(project_copy, PAGE, '{{ term("nope") }}\n')
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Aborted with" in result.stdout + result.stderr
