"""What the checker and tests read from mkdocs.yml without running MkDocs: the nav and maintainers' lists."""

from __future__ import annotations

from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV tags; these readers need none of their values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506


def patient_pages(project: Path) -> list[str]:
    """Keys of the pages written for patients (their reading grade is checked): `extra.patient_pages`."""
    return list((load(project).get("extra") or {}).get("patient_pages") or [])
