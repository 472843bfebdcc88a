"""What a page or data text may hold between `{{` and `}}`: one rule, read from the syntax tree.

Editors' text is rendered by Jinja, so anything Jinja can express (attributes of
build objects, filters, loops, globals such as `range` or `namespace`) would run
on the build machine. The rule is an allow-list over Jinja's own parse of the
text, so line breaks, spacing or string tricks cannot hide code from it:

- plain text;
- `{{ name(...) }}` where `name` is a registered macro and every argument is a
  literal (a quoted string, a number, true/false/none), positional or `key=value`;
- a plain attribute of a macro's result, as in `{{ counts().references }}`.

Nothing else: no statements (`{% ... %}`), filters, operators, variables or
subscripts. The build (macros/render/sandbox.py, macros/render/markup.py) and the checker use
this same function, so they can never disagree.
"""

from __future__ import annotations

import traceback
from collections.abc import Collection
from dataclasses import dataclass
from typing import TypedDict

from jinja2 import Environment, TemplateSyntaxError, nodes

from macros.errors import closest


class JinjaOptions(TypedDict):
    """Keyword options for a Jinja environment (typed, so they can be passed as `**JINJA_OPTIONS`)."""

    comment_start_string: str
    comment_end_string: str


# The delimiters pages use: `{#id}` after a heading must not open a Jinja comment.
JINJA_OPTIONS: JinjaOptions = {"comment_start_string": "{##", "comment_end_string": "##}"}
# What opens template code (an expression, a statement, a comment) with these options.
OPENERS = ("{{", "{%", JINJA_OPTIONS["comment_start_string"])


def may_hold_template(text: str) -> bool:
    """False when `text` is plain text for certain (then nothing needs parsing)."""
    return any(opener in text for opener in OPENERS)


LITERAL_TYPES = (str, int, float, bool, type(None))
CURLY_QUOTES = "\u201c\u201d\u2018\u2019"

# Parsing only: this environment never renders anything.
_PARSER = Environment(**JINJA_OPTIONS)  # noqa: S701 - parse-only, see above


@dataclass(frozen=True)
class Violation:
    """One thing the rule refuses, at a 1-based line of the text."""

    line: int
    message: str
    hint: str


def _macro_hint(names: Collection[str], bad: str | None = None) -> str:
    near = closest(bad, names) if bad else []
    if near:
        return "did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
    return 'write only macro calls with quoted values, e.g. {{ cite("key") }} (CONTRIBUTING.md lists the macros)'


_NODE_WORDS = {
    nodes.Filter: "a filter ('|')",
    nodes.Test: "a test ('is')",
    nodes.Getitem: "a subscript ('[...]')",
    nodes.Concat: "joining text with '~'",
    nodes.CondExpr: "an 'if ... else' expression",
    nodes.Const: "a bare value",
    nodes.TemplateData: "text",
}


def _dotted(node: nodes.Node) -> str | None:
    """`page.file.generated` for a chain of names and attributes, else None."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _dotted(node.node)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _describe(node: nodes.Node) -> str:
    dotted = _dotted(node)
    if dotted:
        return f"'{dotted}'"
    if isinstance(node, nodes.Getattr):
        return f"reading '.{node.attr}' from something that is not a macro call"
    for kind, words in _NODE_WORDS.items():
        if isinstance(node, kind):
            return words
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr, nodes.Compare)):
        return "arithmetic or comparison"
    return f"template code ({type(node).__name__})"


def _check_call(call: nodes.Call, names: Collection[str], found: list[Violation]) -> None:
    line = call.lineno
    if not isinstance(call.node, nodes.Name) or call.node.name not in names:
        found.append(Violation(line, f"{_describe(call.node)} is not one of the site's macros",
                               _macro_hint(names, _dotted(call.node))))
        return
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        found.append(Violation(line, f"'{call.node.name}(...)' uses *args or **kwargs",
                               "write each value out in quotes"))
    values = list(call.args) + [keyword.value for keyword in call.kwargs]
    for value in values:
        if not (isinstance(value, nodes.Const) and isinstance(value.value, LITERAL_TYPES)):
            found.append(Violation(value.lineno or line,
                                   f"'{call.node.name}(...)' is given {_describe(value)}, not a quoted value",
                                   f'put each value in straight quotes, e.g. {call.node.name}("key")'))


def _check_output(expr: nodes.Node, names: Collection[str], found: list[Violation]) -> None:
    if isinstance(expr, nodes.Call):
        _check_call(expr, names, found)
    elif isinstance(expr, nodes.Getattr) and isinstance(expr.node, nodes.Call) and not expr.attr.startswith("_"):
        _check_call(expr.node, names, found)
    elif isinstance(expr, nodes.Name) and expr.name in names:
        found.append(Violation(expr.lineno or 1, f"'{expr.name}' is a macro: it needs brackets",
                               f"write {{{{ {expr.name}(...) }}}}"))
    elif isinstance(expr, nodes.Name):
        found.append(Violation(expr.lineno or 1, f"'{expr.name}' is not one of the site's macros",
                               _macro_hint(names, expr.name)))
    else:
        found.append(Violation(expr.lineno or 1, f"{_describe(expr)} is not allowed inside {{{{ ... }}}}",
                               _macro_hint(names, _dotted(expr))))


def _curly_quotes(source: str) -> list[Violation]:
    found = []
    start = 0
    while (opening := source.find("{{", start)) != -1:
        closing = source.find("}}", opening)
        inside = source[opening: closing if closing != -1 else len(source)]
        if any(mark in inside for mark in CURLY_QUOTES):
            found.append(Violation(source.count("\n", 0, opening) + 1,
                                   "curly quotes (“ ” or ‘ ’) in a macro call",
                                   "type straight quotes instead: \" or ' (word processors change them)"))
        start = opening + 2
    return found


def _syntax_violation(err: TemplateSyntaxError, source: str) -> Violation:
    message = err.message or "invalid macro call"
    line = err.lineno or 1
    if "end of print statement" in message or "unexpected end of template" in message or "unexpected '}'" in message:
        # Jinja reports an unclosed `{{` where it gave up, often lines later: point at the opening.
        lines = source.splitlines()
        for number in range(min(line, len(lines)), 0, -1):
            text = lines[number - 1]
            if text.rfind("{{") > text.rfind("}}"):
                line = number
                break
        return Violation(line, "a macro call is not closed",
                         "check that every '{{' has a matching '}}' and every '(' and quote is closed")
    if "{%" in source and ("statement" in message or "tag" in message or "block" in message):
        return Violation(line, "Jinja statements ({% ... %}) are not allowed",
                         "use only {{ macro(...) }} calls; ask a maintainer for a new macro")
    return Violation(line, f"this macro call cannot be read: {message}",
                     "check the brackets and quotes of the {{ ... }} call")


def violations(source: str, names: Collection[str]) -> list[Violation]:
    """Everything in `source` beyond text and literal calls of the macros in `names`."""
    if "{{" not in source and "{%" not in source and "{##" not in source:
        return []
    quotes = _curly_quotes(source)
    if quotes:
        return quotes
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError as err:
        return [_syntax_violation(err, source)]
    found: list[Violation] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            found.append(Violation(node.lineno or 1, "Jinja statements ({% ... %}) are not allowed",
                                   "use only {{ macro(...) }} calls; ask a maintainer for a new macro"))
            continue
        for expr in node.nodes:
            if not isinstance(expr, nodes.TemplateData):
                _check_output(expr, names, found)
    return found


def allowed_only(source: str, names: Collection[str]) -> str | None:
    """`source` with every refused `{{ ... }}` and every `{% ... %}` removed (their line breaks kept),
    so a page with one bad call still renders the rest: one mistake, one message. None if unreadable."""
    kept: list[str] = []
    span: list[str] | None = None
    try:
        for _, kind, value in _PARSER.lexer.tokeniter(source, None):
            if kind in ("variable_begin", "block_begin"):
                span = [value]
            elif span is not None and kind in ("variable_end", "block_end"):
                span.append(value)
                text = "".join(span)
                allowed = span[0].startswith("{{") and not violations(text, names)
                kept.append(text if allowed else "\n" * text.count("\n"))
                span = None
            elif span is not None:
                span.append(value)
            else:
                kept.append(value)
    except TemplateSyntaxError:
        return None
    return "".join(kept)


def calls(source: str) -> list[tuple[int, str, list[object], dict[str, object]]]:
    """(line, macro name, positional values, keyword values) of every macro call in an allowed text."""
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError:
        return []
    found = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            args = [a.value for a in call.args if isinstance(a, nodes.Const)]
            kwargs = {k.key: k.value.value for k in call.kwargs if isinstance(k.value, nodes.Const)}
            found.append((call.lineno, call.node.name, args, kwargs))
    return found


def template_line(err: BaseException) -> int | None:
    """The line inside a Jinja template where an exception was raised, if Jinja recorded it."""
    if isinstance(err, TemplateSyntaxError):
        return err.lineno
    line = None
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line
