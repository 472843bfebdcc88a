"""What the tests know about the site: the published pages and helpers to read built HTML."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.config import load_config

from macros.content import sourcepages
from macros.site import SiteConfig

ROOT = Path(__file__).resolve().parents[2]

# The URLs the foundation issue promises (relative to site_url), with their page keys.
PAGES = {
    "": "home",
    "what-is-dry-needling/": "what-is-dry-needling",
    "how-it-works/": "how-it-works",
    "benefits/": "benefits",
    "conditions/": "conditions",
    "safety/": "safety",
    "who-can-do-it/": "who-can-do-it",
    "what-to-expect/": "what-to-expect",
    "finding-a-practitioner/": "finding-a-practitioner",
    "faq/": "faq",
    "glossary/": "glossary",
    "compare/": "compare",
    "compare/dry-needling-vs-acupuncture/": "compare/dry-needling-vs-acupuncture",
    "compare/dry-needling-vs-trigger-point-injection/": "compare/dry-needling-vs-trigger-point-injection",
    "compare/dry-needling-vs-manual-therapy/": "compare/dry-needling-vs-manual-therapy",
    "claims/": "claims",
    "references/": "references",
    "about/": "about",
    "for-clinics/": "for-clinics",
    "changes/": "changes",
}


def patient_pages() -> list[str]:
    """The maintainers' list in mkdocs.yml (extra.patient_pages), as page addresses.
    A function, not a constant: mkdocs.yml is read when a test asks, not at import."""
    config = SiteConfig.of(load_config(str(ROOT / "mkdocs.yml")))  # the build's own typed reading
    return [sourcepages.page_url(key) for key in config.patient_pages]


def html_path(site: Path, url: str) -> Path:
    return site / url / "index.html"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(html_path(site, url).read_text(encoding="utf-8"), "html.parser")


def all_html(site: Path):
    return sorted(site.rglob("*.html"))
