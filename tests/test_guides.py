"""The guides at the repository's root, as GitHub shows them: README.md, CONTRIBUTING.md for
editors, MAINTAINING.md for maintainers. Every link into a section of one must land on a heading,
and the editors' guide keeps its shape (a first edit first, its own glossary last).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.check.run import GUIDES  # README.md and the two guides

ROOT = Path(__file__).resolve().parent.parent
# Everything that may link into a guide's sections, besides the site's pages.
LINKING = (*GUIDES, ".github/PULL_REQUEST_TEMPLATE.md", ".github/CODEOWNERS")
HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\]\((?P<file>[A-Za-z./-]*?)#(?P<anchor>[^)\s]+)\)")


def _text(name: str) -> str:
    return FENCE.sub("", (ROOT / name).read_text(encoding="utf-8"))


def github_anchors(name: str) -> set[str]:
    """The ids GitHub gives a Markdown file's headings: lowercase, punctuation dropped, spaces to
    hyphens, and -1, -2... on repeats."""
    anchors: set[str] = set()
    for heading in HEADING.findall(_text(name)):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


def _linking_files() -> list[str]:
    pages = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md"))
    return [name for name in (*LINKING, *pages) if (ROOT / name).exists()]


@pytest.mark.parametrize("source", _linking_files())
def test_every_link_into_a_guide_section_lands_on_a_heading(source):
    for match in LINK.finditer(_text(source)):
        target = Path(match["file"]).name if match["file"] else Path(source).name
        if target in GUIDES:
            assert match["anchor"] in github_anchors(target), f"{source}: {match[0]}"


def test_the_editors_guide_opens_with_a_first_edit_and_ends_with_its_glossary():
    sections = [h[3:] for h in re.findall(r"^## .+$", _text("CONTRIBUTING.md"), re.MULTILINE)]
    assert sections[0] == "Your first edit" and sections[-1] == "Words used here"
    glossary = _text("CONTRIBUTING.md").split("## Words used here", 1)[1]
    words = {word.lower() for word in re.findall(r"^- \*\*(.+?)\*\*:", glossary, re.MULTILINE)}
    assert {"yaml", "front matter", "markdown", "branch", "fork", "pull request", "commit",
            "artifact", "job", "macro"} <= words


def test_the_guides_link_to_each_other_and_the_about_page_to_the_editors_guide():
    assert "](MAINTAINING.md" in _text("CONTRIBUTING.md")
    assert "](CONTRIBUTING.md" in _text("MAINTAINING.md")
    readme = _text("README.md")
    assert "](CONTRIBUTING.md" in readme and "](MAINTAINING.md" in readme
    # The About page's link is built from the repository's edit address (macros/render/table.py).
    assert "{{ editors_guide() }}" in _text("docs/about.md")
