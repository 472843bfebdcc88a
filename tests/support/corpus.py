"""The project's one bad-input corpus (tests/corpus/): editors' mistakes, and hostile content tagged `hostile`.

An editor's-mistake case says what to break (`file` and `append`, `replace`, `write` or
`write_latin1`; `also` lists more mistakes, shaped the same, made first in other files), the
line the checker must print (`expect`, the whole line; or a regex for its start in `expect_re`),
whether the checker needs its build to see it (`needs_build: true`), and what the strict
build must print: `build: same` (the checker's line) or a regex; no `build` key means the
build does not check this (the checker alone does: wording, spelling, Markdown style, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support.params import Unloadable

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _selected(case: dict, tag: str | None) -> bool:
    tags = case.get("tags") or []
    return (tag in tags) if tag else not tags


def cases(tag: str | None) -> list[Path]:
    """Corpus files carrying `tag`, or, with None, those with no tag (the checker's cases)."""
    return [path for path in sorted(CORPUS.glob("*.yml"))
            if _selected(yaml.safe_load(path.read_text(encoding="utf-8")), tag)]


def params(tag: str | None, where: Callable[[dict], bool] = lambda case: True) -> list:
    """`cases(tag)` (those `where` accepts) as test parameters named by file, for `pytest_generate_tests`.

    The ids are file names, which cannot fail. A file that does not parse cannot say whether it
    belongs: it becomes a failing parameter under its own name in every selection, and the other
    cases still run (a parse error at import would have stopped the whole collection).
    """
    found = []
    for path in sorted(CORPUS.glob("*.yml")):
        try:
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            wanted = _selected(case, tag) and where(case)
        except Exception as error:  # a broken case file: its own failing test
            found.append(pytest.param(Unloadable(f"tests/corpus/{path.name}", error), id=path.stem))
            continue
        if wanted:
            found.append(pytest.param(path, id=path.stem))
    return found


def apply(project: Path, case: dict) -> int:
    """Make the mistake (after the other mistakes listed under `also`, each shaped like a case);
    return the line it starts on."""
    for other in case.get("also", []):
        apply(project, other)
    path = project / case["file"]
    if "write" in case:
        path.write_text(case["write"], encoding="utf-8")
        return 1
    if "write_latin1" in case:
        path.write_bytes(case["write_latin1"].encode("latin-1"))
        return 1
    text = path.read_text(encoding="utf-8")
    if "append" in case:
        if not text.endswith("\n"):
            text += "\n"
        line = text.count("\n") + 2
        path.write_text(text + "\n" + case["append"], encoding="utf-8")
    else:
        old, new = case["replace"]["old"], case["replace"]["new"]
        assert old in text, f"corpus case out of date: {old!r} is not in {case['file']}"
        line = text[: text.index(old)].count("\n") + 1
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line + case.get("line_shift", 0)


def expand(template: str, case: dict, line: int) -> str:
    values = {"file": case["file"], "line": line}
    values.update({f"line_plus_{n}": line + n for n in range(1, 10)})
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)
