"""URLs are a promise: every URL in macros/data/published-urls.txt resolves in the built site."""

from __future__ import annotations

from macros import redirects


def test_published_list_is_not_empty():
    assert len(redirects.published()) > 100


def test_every_published_url_resolves(site):
    missing = []
    for line, url in redirects.published():
        target = site / url
        if url.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            missing.append(f"macros/data/published-urls.txt:{line}: {url}")
    assert not missing, missing


def test_redirect_pages_are_written(site):
    moved, problems = redirects.load_redirects()
    assert moved and not problems
    for redirect in moved:
        page = (site / redirect.source / "index.html").read_text(encoding="utf-8")
        assert "http-equiv=\"refresh\"" in page and redirect.target in page
