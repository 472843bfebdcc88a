"""Chrome-less embed copies of every page and of each of its h2 sections.

The copies are generated from the same Markdown at build time: the source is
sliced at its explicit h2 ids, links are made absolute to the full site, and
front matter tells the template to drop the site chrome.
"""

from __future__ import annotations

import posixpath
import re

import yaml

from .sourcepages import SourcePage, page_key, page_url

# libyaml's dumper when PyYAML has it: a pure-Python dump per embed page was a measurable
# share of the build (benchmarks/RESULTS.md). Same output, same safety.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

EMBED_ROOT = "embed"
EXCLUDED_KEYS = {"404"}
# Inline Markdown links and images: [text](target "title") / ![alt](target)
LINK = re.compile(r"(\]\()(?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")
REF_DEF = re.compile(r"^(?P<lead>\s{0,3}\[[^\]]+\]:\s*)(?P<target>\S+)", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


def embed_key_url(key: str, section: str = "") -> str:
    base = f"{EMBED_ROOT}/{key}/"
    return f"{base}sections/{section}/" if section else base


def embed_src_uri(key: str, section: str = "") -> str:
    return f"{EMBED_ROOT}/{key}/sections/{section}.md" if section else f"{EMBED_ROOT}/{key}.md"


def absolute_target(target: str, src_uri: str, site_url: str) -> str:
    """A relative link written in `src_uri`, as an absolute URL on the full site."""
    if EXTERNAL.match(target):
        if target.startswith("#"):
            return f"{site_url}{page_url(page_key(src_uri))}{target}"
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if resolved.endswith(".md"):
        url = page_url(page_key(resolved))
    else:
        url = resolved
    return f"{site_url}{url}" + (f"#{anchor}" if anchor else "")


def absolutize_links(markdown: str, src_uri: str, site_url: str) -> str:
    markdown = LINK.sub(lambda m: m.group(1) + absolute_target(m.group("target"), src_uri, site_url)
                        + m.group("rest"), markdown)
    return REF_DEF.sub(lambda m: m.group("lead") + absolute_target(m.group("target"), src_uri, site_url),
                       markdown)


def section_slice(page: SourcePage, section_id: str) -> tuple[str, int]:
    """The Markdown of one h2 section (heading included) and the lines before it in the file."""
    section = next(s for s in page.sections if s.id == section_id)
    if section.macro:
        return section.macro + "\n", section.line - 1
    written = [s for s in page.sections if not s.macro]
    lines = page.body.splitlines()
    starts = [s.line - page.body_offset - 1 for s in written]
    index = next(i for i, s in enumerate(written) if s.id == section_id)
    begin = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(lines)
    return "\n".join(lines[begin:end]) + "\n", page.body_offset + begin


def embeddable(page: SourcePage) -> bool:
    return page.key not in EXCLUDED_KEYS and page.meta.get("embed", True) is not False


def _front_matter(page: SourcePage, title: str, section: str, line_offset: int) -> str:
    meta = {k: v for k, v in page.meta.items() if k in ("description", "last_reviewed", "next_review",
                                                        "sources", "reviewed_by")}
    meta.update({
        "title": title,
        "template": "embed.html",
        "search": {"exclude": True},
        "dng_embed": True,
        "dng_source_key": page.key,
        "dng_section": section,
        "dng_line_offset": line_offset,
    })
    return "---\n" + yaml.dump(dict(meta), Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True) + "---\n"


def embed_documents(page: SourcePage, site_url: str) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of the whole-page embed and of every section embed of a page."""
    if not embeddable(page):
        return []
    title = str(page.meta.get("title", page.key))
    docs = [(embed_src_uri(page.key),
             _front_matter(page, title, "", page.render_offset)
             + absolutize_links(page.body, page.src_uri, site_url))]
    for section in page.sections:
        if not section.id:
            continue
        body, offset = section_slice(page, section.id)
        docs.append((embed_src_uri(page.key, section.id),
                     _front_matter(page, f"{section.title} – {title}", section.id, offset)
                     + absolutize_links(body, page.src_uri, site_url)))
    return docs
