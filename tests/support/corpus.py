"""The project's one bad-input corpus (tests/corpus/): editors' mistakes, and hostile content tagged `hostile`."""

from __future__ import annotations

from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def cases(tag: str | None) -> list[Path]:
    """Corpus files carrying `tag`, or, with None, those with no tag (the checker's cases)."""
    found = []
    for path in sorted(CORPUS.glob("*.yml")):
        tags = yaml.safe_load(path.read_text(encoding="utf-8")).get("tags") or []
        if (tag in tags) if tag else not tags:
            found.append(path)
    return found
