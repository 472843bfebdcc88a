"""The build-speed benchmark's scale project is a site the build accepts: its synthetic pages use
only macros and keys that exist and list every source what they show cites."""

from __future__ import annotations

from mkdocs.config import load_config

from benchmarks import synthetic
from macros.site import Site


def test_the_scale_project_loads_without_problems(tmp_path):
    info = synthetic.make_scale_project(2, tmp_path)
    assert info["synthetic_pages"] == info["real_pages"] > 0
    site = Site.load(load_config(str(tmp_path / "mkdocs.yml")))  # raises ContentProblems on any problem
    assert sum(1 for key in site.pages if key.startswith("synthetic/")) == info["synthetic_pages"]
