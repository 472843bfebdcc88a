"""The way out: the site builds, strict and with the same pages, under ProperDocs 1.6.7."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, run_build


@pytest.mark.slow
def test_properdocs_builds_the_same_pages(site, tmp_path):
    result = run_build(ROOT, tmp_path / "out", tool="properdocs")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "WARNING" not in output, output[-3000:]
    ours = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != ".build-log")
    theirs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert ours == theirs
    # Proof that ProperDocs, not MkDocs, ran: only it asks for its own config file name.
    assert "properdocs.yml" in output
