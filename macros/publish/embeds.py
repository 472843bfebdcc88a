"""Chrome-less embed copies of every page and of each of its h2 sections.

The copies are generated from the same Markdown at build time: the source is
sliced at its explicit h2 ids, links are made absolute to the full site, and
front matter tells the template to drop the site chrome.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from macros.content import urls
from macros.content.models import CARE_TIERS, CareTier
from macros.content.sourcepages import SourcePage
from macros.content.urls import EMBED_ROOT, care_embed_key, embed_src_uri, embed_url, page_key, page_url
from macros.render import care, templaterules

if TYPE_CHECKING:
    from macros.content.datastore import SiteData

# libyaml's dumper when PyYAML has it: a pure-Python dump per embed page was a measurable
# share of the build (benchmarks/RESULTS.md). Same output, same safety.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

EMBED_TEMPLATE = "embed.html"
EXCLUDED_KEYS = {"404"}
# Inline Markdown links and images: [text](target "title") / ![alt](target)
LINK = re.compile(r"(\]\()(?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")
REF_DEF = re.compile(r"^(?P<lead>\s{0,3}\[[^\]]+\]:\s*)(?P<target>\S+)", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


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


# Macros that write a page's whole catalogue (every claim with its h2 per verdict, every term, every
# reference). A section written before one ends where it starts: "How we checked" or "How to read this
# list" is the text under that heading, and the catalogue is the whole-page embed (claims and terms also
# have one embed each). Kept out, a section embed stays one heading and a light first visit.
CATALOGUE_MACROS = frozenset({"claims", "glossary", "reference_list"})


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
    catalogues = [line for line, name, _args, _options in templaterules.calls("\n".join(lines[begin:end]))
                  if name in CATALOGUE_MACROS]
    if catalogues:
        end = begin + min(catalogues) - 1
    return "\n".join(lines[begin:end]) + "\n", page.body_offset + begin


def embeddable(page: SourcePage) -> bool:
    return page.key not in EXCLUDED_KEYS and page.info is not None and page.info.embed


@dataclass(frozen=True)
class EmbedDocument:
    """One embed copy, kept in memory for the build: what it is made from and its Markdown."""

    src_uri: str
    source_key: str
    section: str  # "" for the whole page
    line_offset: int  # lines of the source file before the copy's first line
    markdown: str


def _front_matter(page: SourcePage, title: str) -> str:
    """Only what the theme reads itself (title, template, search); the rest stays in EmbedDocument."""
    meta = {k: v for k, v in page.meta.items() if k in ("description", "last_reviewed", "next_review",
                                                        "sources", "reviewed_by")}
    meta.update({"title": title, "template": EMBED_TEMPLATE, "search": {"exclude": True}})
    dumped: str = yaml.dump(dict(meta), Dumper=SAFE_DUMPER, sort_keys=False, allow_unicode=True)
    return "---\n" + dumped + "---\n"


def embed_documents(page: SourcePage, site_url: str) -> list[EmbedDocument]:
    """The whole-page embed and every section embed of a page."""
    if not embeddable(page):
        return []
    title = str(page.checked_info.title)
    # The copies hold the page's own text: links are made absolute after the macros ran
    # (plugin.on_page_markdown), so the page and its copies share each compiled section.
    docs = [EmbedDocument(embed_src_uri(page.key), page.key, "", page.render_offset,
                          _front_matter(page, title) + page.body)]
    for section in page.sections:
        if not section.id:
            continue
        body, offset = section_slice(page, section.id)
        docs.append(EmbedDocument(embed_src_uri(page.key, section.id), page.key, section.id, offset,
                                  _front_matter(page, f"{section.title} – {title}") + body))
    return docs


# The page and section the care cards' embeds belong to: their canonical address, review dates
# and attribution are those of the safety page's "When to get urgent help".
CARE_HOME = ("safety", "urgent-help")


def care_documents(pages: dict[str, SourcePage], tiers: list[CareTier]) -> list[EmbedDocument]:
    """One embed per care card (/embed/care/<tier>/): the card alone, made by the pages' macro."""
    key, section = CARE_HOME
    home = pages.get(key)
    if home is None or not embeddable(home):
        return []
    docs = []
    for tier in tiers:
        call = "{{ care_cards(" + json.dumps(tier.key) + ") }}"
        docs.append(EmbedDocument(embed_src_uri(care_embed_key(tier.key)), key, section, 0,
                                  _front_matter(home, tier.heading) + f"\n{call}\n"))
    return docs


def care_urls(pages: dict[str, SourcePage]) -> set[str]:
    """The care cards' embed addresses (every tier is in care.yml: the data check holds it to CARE_TIERS)."""
    home = pages.get(CARE_HOME[0])
    if home is None or not embeddable(home):
        return set()
    return {embed_url(care_embed_key(tier)) for tier in CARE_TIERS}


def embed_prefixes(site_url: str, page_url: str) -> tuple[str, ...]:
    """Where our own live embed examples point from a page (absolute and relative)."""
    depth = "../" * page_url.count("/")
    return (site_url + EMBED_ROOT + "/", depth + EMBED_ROOT + "/")


# ---- single items: a claim, a glossary term --------------------------------------------------------
# Each is the one entry alone, rendered by the macro its page's renderer uses for it (claims.py,
# glossary.py), so its text is never written twice. Canonical address, review dates and attribution
# are its page's; the attribution links to the entry's anchor there (the section field).


@dataclass(frozen=True)
class Item:
    """One embeddable item: its embed key (claims/items/<k>, glossary/terms/<k>, care/<tier>), its kind
    (urls.ITEM_EMBEDS), the title a reader sees, the page it belongs to and its anchor there, and the
    macro call its embed is made of."""

    key: str
    kind: str
    title: str
    home: str
    anchor: str
    call: str


def _call(macro: str, key: str) -> str:
    return "{{ " + macro + "(" + json.dumps(key) + ") }}"


def items(pages: dict[str, SourcePage], data: SiteData) -> list[Item]:
    """Every item with an embed of its own, in the order pages.json lists them: care cards (most
    urgent first), claims (as claims.yml), terms (A to Z, as the glossary). None of a page that
    is not embeddable."""
    kinds = urls.ITEM_EMBEDS
    found = [Item(care_embed_key(tier.key), kinds[urls.CARE_EMBED], tier.heading, CARE_HOME[0],
                  care.card_id(tier.key), _call("care_cards", tier.key)) for tier in data.care.values()]
    found += [Item(urls.claim_embed_key(claim.key), kinds[urls.CLAIM_EMBED], f"“{claim.claim}”", "claims", claim.key,
                   _call("claim", claim.key)) for claim in data.claims]
    found += [Item(urls.term_embed_key(term.key), kinds[urls.TERM_EMBED], term.term, "glossary", term.key, _call("glossary_term", term.key))
              for term in sorted(data.glossary.values(), key=lambda t: t.term.lower())]
    return [item for item in found if item.home in pages and embeddable(pages[item.home])]


def item_documents(pages: dict[str, SourcePage], data: SiteData) -> list[EmbedDocument]:
    """One embed per claim and per glossary term (care cards: care_documents)."""
    return [EmbedDocument(embed_src_uri(item.key), item.home, item.anchor, 0,
                          _front_matter(pages[item.home], item.title) + f"\n{item.call}\n")
            for item in items(pages, data) if item.kind != urls.ITEM_EMBEDS[urls.CARE_EMBED]]


def item_urls(pages: dict[str, SourcePage], data: SiteData) -> set[str]:
    """Every item's embed address (care cards included)."""
    return {embed_url(item.key) for item in items(pages, data)}
