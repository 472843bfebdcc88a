"""Transfer: what a first visit downloads, gzip-compressed, against budgets.yml.

The bytes come from the deterministic calculation in weight.py, which the tests share:
the HTML and everything it loads, each file gzip-compressed, summed. Full
pages, whole-page embeds and section embeds, and the /embed.js loader.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from . import mdtable, projects, targets
from .paths import ROOT, WORK_DIR
from .progress import say
from .weight import first_visit_bytes, load_budgets, loader_bytes

NAME = "transfer"
TITLE = "Transfer size (first visit, gzip)"
# A GitHub Pages project-site address, so absolute URLs in the HTML are as long as in production.
SITE_URL = "https://dry-needling-guide.github.io/dry-needling-guide/"
LOC = re.compile(r"<loc>([^<]+)</loc>")


def full_pages(site: Path, site_url: str) -> list[str]:
    """Site-relative URLs of every full page, from the sitemap (which leaves out the embed copies)."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = [loc[len(site_url):] for loc in LOC.findall(text) if loc.startswith(site_url)]
    return [u for u in urls if not u.startswith("embed/")]


def embed_pages(site: Path) -> tuple[list[str], list[str]]:
    """(whole-page embeds, section embeds) as site-relative URLs."""
    whole, sections = [], []
    for html in sorted((site / "embed").rglob("index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        (sections if "/sections/" in url else whole).append(url)
    return whole, sections


def _row(site: Path, url: str, budget: int) -> dict:
    total, files = first_visit_bytes(site, url)
    largest = max(files.items(), key=lambda item: item[1])
    return {"url": url or "(home)", "bytes": total, "budget": budget, "headroom": budget - total,
            "files": len(files), "largest_file": largest[0], "largest_file_bytes": largest[1]}


def measure(site: Path, site_url: str) -> dict:
    limits = load_budgets()
    page_budget, embed_budget = limits["page_first_visit_gzip"], limits["embed_first_visit_gzip"]
    pages = sorted((_row(site, u, page_budget) for u in full_pages(site, site_url)), key=lambda r: -r["bytes"])
    whole_urls, section_urls = embed_pages(site)
    whole = sorted((_row(site, u, embed_budget) for u in whole_urls), key=lambda r: -r["bytes"])
    sections = sorted((_row(site, u, embed_budget) for u in section_urls), key=lambda r: -r["bytes"])
    minified, gzipped = loader_bytes(site)
    return {
        "site_url": site_url,
        "budgets": limits,
        "pages": pages,
        "whole_page_embeds": whole,
        "section_embeds": {
            "count": len(sections),
            "min": min((r["bytes"] for r in sections), default=0),
            "median": statistics.median([r["bytes"] for r in sections]) if sections else 0,
            "max": max((r["bytes"] for r in sections), default=0),
            "largest": sections[:5],
        },
        "loader": {"minified": minified, "gzip": gzipped},
    }


def _checks(fig: dict) -> list[dict]:
    budgets = fig["budgets"]
    checks = []
    if fig["pages"]:
        top = fig["pages"][0]
        checks.append(targets.at_most(f"largest full page ({top['url']}), of {len(fig['pages'])}", top["bytes"],
                                      budgets["page_first_visit_gzip"], "B"))
    if fig["whole_page_embeds"]:
        top = fig["whole_page_embeds"][0]
        checks.append(targets.at_most(f"largest whole-page embed ({top['url']}), of {len(fig['whole_page_embeds'])}",
                                      top["bytes"], budgets["embed_first_visit_gzip"], "B"))
    sections = fig["section_embeds"]
    if sections["count"]:
        checks.append(targets.at_most(f"largest section embed, of {sections['count']}", sections["max"],
                                      budgets["embed_first_visit_gzip"], "B"))
    checks.append(targets.at_most("/embed.js minified", fig["loader"]["minified"], budgets["loader_minified"], "B"))
    checks.append(targets.at_most("/embed.js gzip", fig["loader"]["gzip"], budgets["loader_gzip"], "B"))
    return checks


def run(options) -> dict:
    site = WORK_DIR / "transfer-site"
    say(f"transfer: mkdocs build --strict into {site.relative_to(ROOT)}")
    projects.mkdocs_build(ROOT, site, WORK_DIR / "logs" / "transfer-build.log", SITE_URL)
    figures = measure(site, SITE_URL)
    return {"figures": figures, "checks": _checks(figures)}


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _table(rows: list[dict]) -> str:
    return mdtable.table(
        ["page", "first visit (gzip)", "budget", "headroom", "files", "largest file", "result"],
        [[f"`{r['url']}`", _kb(r["bytes"]), _kb(r["budget"]),
          f"{_kb(r['headroom'])} ({r['headroom'] / r['budget'] * 100:.0f}%)", r["files"],
          f"`{r['largest_file']}` ({_kb(r['largest_file_bytes'])})", "PASS" if r["headroom"] >= 0 else "MISS"]
         for r in rows], "lrrrrll")


def to_markdown(section: dict) -> str:
    fig = section["figures"]
    sections = fig["section_embeds"]
    loader = fig["loader"]
    budgets = fig["budgets"]
    return "\n".join([
        mdtable.checks_table(section["checks"]),
        f"Computed from a strict build for `{fig['site_url']}` with `benchmarks/weight.py` (the calculation "
        "the tests share): the HTML plus every stylesheet, script, icon and image it loads, Material's search "
        "worker and the sitemaps instant navigation reads, each gzip-compressed (level 6), summed. The search "
        "index is not counted: it loads only when a reader searches. Budgets from `budgets.yml`; 1 KB = 1,024 "
        "bytes. Largest first.\n",
        "### Full pages\n",
        _table(fig["pages"]),
        "### Whole-page embeds\n",
        _table(fig["whole_page_embeds"]),
        "### Section embeds\n",
        mdtable.table(["section embeds", "min", "median", "max", "budget"],
                      [[sections["count"], _kb(sections["min"]), _kb(sections["median"]), _kb(sections["max"]),
                        _kb(budgets["embed_first_visit_gzip"])]], "rrrrr"),
        "Largest section embeds:\n",
        _table(sections["largest"]),
        "### Loader\n",
        mdtable.table(["/embed.js", "bytes", "budget", "headroom"],
                      [["minified", loader["minified"], budgets["loader_minified"],
                        budgets["loader_minified"] - loader["minified"]],
                       ["gzip", loader["gzip"], budgets["loader_gzip"], budgets["loader_gzip"] - loader["gzip"]]],
                      "lrrr"),
    ])


def summary_rows(section: dict) -> list[list]:
    return mdtable.summary_rows(section["checks"])
