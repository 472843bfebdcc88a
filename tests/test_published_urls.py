"""URLs are a promise: every URL in macros/data/published-urls.txt resolves in the built site."""

from __future__ import annotations

from macros.content import datafiles
from macros.publish import redirects
from tests.support.pages import ROOT

PUBLISHED = ROOT / datafiles.display_path("published-urls")
REDIRECTS = ROOT / datafiles.display_path("redirects")


def test_published_list_is_not_empty():
    assert len(redirects.published(PUBLISHED)) > 100


def test_every_published_url_resolves(site):
    missing = []
    for line, url in redirects.published(PUBLISHED):
        target = site / url
        if url.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            missing.append(f"macros/data/published-urls.txt:{line}: {url}")
    assert not missing, missing


def test_redirect_pages_are_written(site):
    moved, problems = redirects.load_redirects(REDIRECTS)
    assert moved and not problems
    for redirect in moved:
        page = (site / redirect.source / "index.html").read_text(encoding="utf-8")
        assert "http-equiv=\"refresh\"" in page and redirect.target in page
        assert redirects.KEEP_FRAGMENT in page  # the reader's #fragment survives the move
