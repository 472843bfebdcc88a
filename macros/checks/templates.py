"""Macro calls in pages and data text: the build's own syntax-tree rule (macros/templaterules.py), not a regex."""

from __future__ import annotations

from collections.abc import Collection

from .. import templaterules
from ..errors import Problem


def check(path: str, text: str, first_line: int, names: Collection[str]) -> list[Problem]:
    """`first_line` is the file line of the text's first line; `names` the macros this text may call."""
    return [Problem(path, first_line + v.line - 1, v.message, v.hint) for v in templaterules.violations(text, names)]
