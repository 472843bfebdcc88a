"""Page structure: not empty, headings in order, images with alt text, links that resolve, pages in the nav."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from ..errors import Problem, did_you_mean
from ..sourcepages import SourcePage, page_key
from .markdown_scan import Line

HEADING = re.compile(r"^(#{1,6})\s+\S")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXPLICIT_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)")
MACRO_SECTIONS = {"faq": "faq", "glossary": "glossary", "claims": "claims"}


def check_page(page: SourcePage, lines: list[Line]) -> list[Problem]:
    problems = []
    if not page.body.strip():
        problems.append(Problem(page.path, page.body_offset + 1, "page has no content",
                                "write the page, or delete the file and its nav entry"))
    level = 1  # the h1 comes from the title
    for line in lines:
        match = HEADING.match(line.raw)
        if match:
            depth = len(match.group(1))
            if depth == 1:
                problems.append(Problem(page.path, line.number, "a '# ' heading in the page body",
                                        "the h1 comes from the front matter title: start sections at '## '"))
            elif depth > level + 1:
                problems.append(Problem(page.path, line.number, f"heading level skipped (h{level} to h{depth})",
                                        f"use {'#' * (level + 1)} here, or add the missing level above"))
            level = depth
        for image in IMAGE.finditer(line.text):
            if not image.group("alt").strip():
                problems.append(Problem(page.path, line.number, f"image '{image.group('src')}' has no alt text",
                                        "describe the image in the brackets: ![what it shows](file.png)"))
        for link in LINK.finditer(line.text):
            target = link.group("target")
            if target.startswith("http://"):
                problems.append(Problem(page.path, line.number, f"external link without https: '{target}'",
                                        "use the https:// address"))
    return problems


def _ids(page: SourcePage) -> set[str]:
    ids = set(EXPLICIT_ID.findall(page.body)) | {"references"}
    return ids


def check_links(page: SourcePage, lines: Iterable[Line], pages: dict[str, SourcePage],
                generated_ids: dict[str, set[str]]) -> list[Problem]:
    """Relative Markdown links point at a page that exists and an id it has."""
    problems = []
    by_src = {p.src_uri: p for p in pages.values()}
    for line in lines:
        for link in LINK.finditer(line.text):
            target = link.group("target")
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("{{"):
                continue
            path, _, anchor = target.partition("#")
            if not path:
                other = page
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
                if not resolved.endswith(".md"):
                    continue  # assets: checked by the build
                other = by_src.get(resolved)
                if other is None:
                    problems.append(Problem(page.path, line.number, f"broken link '{target}'",
                                            did_you_mean(resolved, by_src, "docs/ (link to the .md file)")))
                    continue
            if anchor and anchor not in _ids(other) | generated_ids.get(other.key, set()):
                problems.append(Problem(page.path, line.number, f"broken anchor '{target}'",
                                        did_you_mean(anchor, _ids(other) | generated_ids.get(other.key, set()),
                                                     other.path)))
    return problems


def nav_files(nav) -> list[str]:
    files: list[str] = []
    for item in nav or []:
        value = list(item.values())[0] if isinstance(item, dict) else item
        if isinstance(value, list):
            files += nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def check_nav(pages: dict[str, SourcePage], nav, config_path: str) -> list[Problem]:
    listed = set(nav_files(nav))
    problems = []
    for page in sorted(pages.values(), key=lambda p: p.path):
        if page.src_uri not in listed:
            problems.append(Problem(page.path, 1, f"page '{page.src_uri}' is not in the navigation",
                                    f"add it under nav: in {config_path}"))
    known = {p.src_uri for p in pages.values()}
    for name in sorted(listed - known):
        problems.append(Problem(config_path, None, f"nav lists '{name}', which does not exist",
                                did_you_mean(name, known, "docs/")))
    return problems


def page_of(src: str) -> str:
    return page_key(src)
