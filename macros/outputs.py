"""Files written after the pages: filled in as the API, oEmbed and feeds arrive."""

from __future__ import annotations

from pathlib import Path

from .state import Build


def write_all(build: Build, site_dir: Path) -> None:
    return None
