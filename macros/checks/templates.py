"""Jinja syntax in pages and data text, checked without building (same delimiters as the build)."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import Problem
from ..markup import JINJA_OPTIONS

_ENV = ImmutableSandboxedEnvironment(**JINJA_OPTIONS)


def check(path: str, text: str, first_line: int) -> list[Problem]:
    """`first_line` is the file line of the text's first line."""
    try:
        _ENV.parse(text)
    except TemplateSyntaxError as err:
        return [Problem(path, first_line + (err.lineno or 1) - 1, f"Jinja syntax error: {err.message}",
                        "check that every '{{' has a matching '}}' and every '{%' a matching '%}'")]
    return []
