"""Page weight: the bytes a first visit downloads stay under budgets.yml (deterministic, no timing).

Every number comes from budgets.yml, read by the same code as the transfer benchmark (benchmarks/weight.py).
"""

from __future__ import annotations

import pytest

from benchmarks.weight import first_visit_bytes, load_budgets, loader_bytes
from tests.support.pages import PAGES


@pytest.fixture(scope="module")
def budgets() -> dict[str, int]:
    """Read by a fixture, not at import: a broken budgets.yml fails these tests instead of their collection."""
    return load_budgets()


@pytest.mark.parametrize("url", PAGES)
def test_full_page_weight(site, budgets, url):
    total, sizes = first_visit_bytes(site, url)
    print(f"{url or 'home'}: {total} bytes gzip ({len(sizes)} files)")
    assert "search/search_index.json" not in sizes
    assert total <= budgets["page_first_visit_gzip"], sizes


@pytest.mark.parametrize("key", PAGES.values())
def test_embed_page_weight(site, budgets, key):
    total, sizes = first_visit_bytes(site, f"embed/{key}/")
    assert total <= budgets["embed_first_visit_gzip"], sizes
    assert not any("bundle" in name for name in sizes), "embeds do not load Material's JavaScript"


def test_loader_budget(site, budgets):
    minified, gzipped = loader_bytes(site)
    assert minified <= budgets["loader_minified"], minified
    assert gzipped <= budgets["loader_gzip"], gzipped
