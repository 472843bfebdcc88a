"""Walk a Markdown source line by line, knowing which lines are code (fenced) and which are prose."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


@dataclass
class Line:
    number: int  # 1-based line in the file
    text: str  # the line without inline code spans
    raw: str


def prose_lines(body: str, offset: int) -> Iterator[Line]:
    """Lines outside fenced code, with inline code spans blanked out."""
    in_fence = False
    for number, raw in enumerate(body.splitlines(), start=offset + 1):
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        yield Line(number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), raw), raw)


def text_lines(text: str, first_line: int | None) -> Iterator[Line]:
    """Lines of a data-file text field, numbered from the line its key is on."""
    return numbered_lines(text.splitlines(), first_line or 1)


def numbered_lines(lines: Iterable[str], first_line: int) -> Iterator[Line]:
    """`lines`, numbered from `first_line`, with inline code spans blanked out."""
    for number, raw in enumerate(lines, start=first_line):
        yield Line(number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), raw), raw)
