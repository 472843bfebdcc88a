"""Page weight: the bytes a first visit downloads stay under budgets.yml (deterministic, no timing)."""

from __future__ import annotations

import gzip

import pytest

from tests.support.pages import PAGES
from tests.support.weight import BUDGETS, first_visit_bytes


@pytest.mark.parametrize("url", PAGES)
def test_full_page_weight(site, url):
    total, sizes = first_visit_bytes(site, url)
    print(f"{url or 'home'}: {total} bytes gzip ({len(sizes)} files)")
    assert "search/search_index.json" not in sizes
    assert total <= BUDGETS["page_first_visit_gzip"], sizes


@pytest.mark.parametrize("key", PAGES.values())
def test_embed_page_weight(site, key):
    total, sizes = first_visit_bytes(site, f"embed/{key}/")
    assert total <= BUDGETS["embed_first_visit_gzip"], sizes
    assert not any("bundle" in name for name in sizes), "embeds do not load Material's JavaScript"


def test_loader_budget(site):
    loader = (site / "embed.js").read_bytes()
    assert len(loader) <= BUDGETS["loader_minified"]
    assert len(gzip.compress(loader, mtime=0)) <= BUDGETS["loader_gzip"]
