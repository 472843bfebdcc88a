"""Read the Markdown sources: front matter, key, and the explicit h2 section ids.

Embeds, the content API, the checker and the build all need to know a page's
sections before MkDocs renders anything, so this reads the source text directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import YAML_RE
from pydantic import ValidationError

from macros.content.models import PageMeta
from macros.content.textfields import MAX_BRACKETS_PER_PAGE
from macros.content.urls import page_key, page_url
from macros.content.yamlsource import BOM, YamlProblem, parse
from macros.errors import Problem
from macros.sanitise import text_of

MAX_PAGE_BYTES = 128 * 1024

H2 = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{\s*#(?P<id>[A-Za-z0-9_-]+)[^}]*\})?\s*$")
FENCE = re.compile(r"^(```|~~~)")


@dataclass
class Section:
    id: str
    title: str
    line: int  # 1-based line of the heading in the source file
    macro: str = ""  # for sections a block macro writes (FAQ entries): the call that renders one


@dataclass
class SourcePage:
    path: str  # relative to the project, e.g. docs/safety.md
    src_uri: str  # relative to docs/, e.g. safety.md
    key: str  # "safety", "compare/dry-needling-vs-acupuncture", "home"
    url: str  # "safety/", "" for home
    meta: dict[str, Any]  # the front matter as written (a LineDict when there is any)
    body: str  # Markdown after the front matter
    body_offset: int  # lines before the body starts
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    info: PageMeta | None = None  # the validated front matter; None while it has mistakes

    @property
    def render_offset(self) -> int:
        """Lines before the first line MkDocs hands to the macros (it drops leading blank lines)."""
        return self.body_offset + len(self.body) - len(self.body.lstrip("\n"))

    @property
    def checked_info(self) -> PageMeta:
        """The validated front matter of a page the build accepted (`Site.load` refuses any page without it)."""
        if self.info is None:
            raise ValueError(f"{self.path}: the front matter was not validated")
        return self.info


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Return (meta, body, lines before body). Raises YamlProblem on bad YAML.

    The front matter is found with MkDocs' own rule (`mkdocs.utils.meta.YAML_RE`,
    which also accepts `...` as the closing line), so the checker and the build
    always agree on where the page text starts.
    """
    if text.startswith(BOM):
        raise YamlProblem(Problem(path, 1, "the file starts with an invisible byte-order mark (BOM)",
                                  "save the file as UTF-8 without BOM (most editors offer this when saving)"))
    match = YAML_RE.match(text)
    if match is None:
        if text.startswith("---"):
            raise YamlProblem(Problem(path, 1, "front matter is not closed",
                                      "end the front matter with a line of three dashes: ---"))
        return {}, text, 0
    meta = parse(match.group(1), path, line_offset=1) or {}
    if not isinstance(meta, dict):
        raise YamlProblem(Problem(path, 2, "front matter is not a set of 'key: value' lines",
                                  "write one 'key: value' per line between the --- lines"))
    body_start = match.end()
    offset = text.count("\n", 0, body_start)
    return meta, text[body_start:], offset


def find_sections(body: str, offset: int) -> list[Section]:
    """Every h2 outside code fences, with its explicit id ('' where none is written)."""
    sections = []
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=1 + offset):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = H2.match(line)
        if match and not line.startswith("###"):
            # The title is text wherever it goes (API, embed titles, page links): no tags survive.
            sections.append(Section(match.group("id") or "", text_of(match.group("title")), number))
    return sections


def read_page(docs_dir: Path, src: Path, project_dir: Path) -> SourcePage:
    src_uri = src.relative_to(docs_dir).as_posix()
    path = src.relative_to(project_dir).as_posix() if src.is_relative_to(project_dir) else str(src)
    key = page_key(src_uri)
    page = SourcePage(path, src_uri, key, page_url(key), {}, "", 0)
    if src.stat().st_size > MAX_PAGE_BYTES:
        page.problems.append(Problem(path, None, f"the page is {src.stat().st_size // 1024} KB; "
                                     f"a page may be at most {MAX_PAGE_BYTES // 1024} KB",
                                     "split it into two pages"))
        return page
    try:
        text = src.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        page.problems.append(Problem(path, None, "file is not valid UTF-8",
                                     "save the file with UTF-8 encoding"))
        return page
    try:
        page.meta, page.body, page.body_offset = split_front_matter(text, path)
    except YamlProblem as err:
        page.problems.append(err.problem)
        return page
    try:
        page.info = PageMeta.model_validate(dict(page.meta))
    except ValidationError:
        pass  # frontmatter.check_page says what is wrong, field by field
    page.sections = find_sections(page.body, page.body_offset)
    if page.body.count("[") > MAX_BRACKETS_PER_PAGE:
        page.problems.append(Problem(path, None, f"the page holds {page.body.count('[')} '[' characters; "
                                     f"at most {MAX_BRACKETS_PER_PAGE} are allowed",
                                     "remove the stray brackets (each link needs one [ and one ])"))
    return page


def is_page_source(src_uri: str) -> bool:
    """Is the file at `src_uri` (relative to docs/) a page? Markdown, and not a partial or a template
    (a name starting with _) nor under embed/ (the build writes those)."""
    parts = src_uri.split("/")
    return src_uri.endswith(".md") and parts[0] != "embed" and not any(part.startswith("_") for part in parts)


def page_sources(docs_dir: Path) -> list[Path]:
    """The Markdown files under docs/ that are pages (see is_page_source)."""
    return [src for src in sorted(docs_dir.rglob("*.md")) if is_page_source(src.relative_to(docs_dir).as_posix())]


def scan(docs_dir: Path, project_dir: Path) -> list[SourcePage]:
    """All pages under docs/ (see page_sources), read."""
    return [read_page(docs_dir, src, project_dir) for src in page_sources(docs_dir)]
