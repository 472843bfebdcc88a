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

Before Jinja parses anything, a plain scan of the delimiters (`delimiter_violations`) finds
what editors mistype most (curly quotes, a `{{` never closed, a `}}` never opened, a `(` left
open) at the line where it is: Jinja would report them where it gave up, in its own token names.
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
    # Where in the text (0-based character), when known: maps a one-line folded YAML text back
    # to the line the editor wrote (macros/content/yamlsource.py).
    offset: int | None = None


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
        dotted = _dotted(expr)
        # An attribute path ("config.extra") is not a mistyped macro name: suggest none.
        found.append(Violation(expr.lineno or 1, f"{_describe(expr)} is not allowed inside {{{{ ... }}}}",
                               _macro_hint(names, dotted if dotted and "." not in dotted else None)))


EXAMPLE_CALL = '{{ cite("brady-2014") }}'
# Longest call shown back to the editor, corrected, in a curly-quote hint.
MAX_SHOWN_CALL = 80


def _line_at(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


_STRAIGHT = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


def _straightened(call: str) -> str:
    return call.translate(_STRAIGHT)


def _curly_quote_violation(source: str, opening: int, closing: int | None, at: int) -> Violation:
    call = source[opening: closing + 2] if closing is not None else ""
    if call and "\n" not in call and len(call) <= MAX_SHOWN_CALL:
        hint = f"type straight quotes: {_straightened(call)} (word processors turn \" into “ ”)"
    else:
        hint = f"type straight quotes, e.g. {EXAMPLE_CALL} (word processors turn \" into “ ”)"
    return Violation(_line_at(source, at), "curly quotes (“ ” or ‘ ’) in a macro call", hint, at)


def _unclosed(source: str, opening: int) -> Violation:
    return Violation(_line_at(source, opening), "a macro call is not closed: '{{' has no matching '}}'",
                     f"end the call with }}}}, e.g. {EXAMPLE_CALL}", opening)


def _unclosed_bracket(source: str, opening: int, closing: int, depth: int) -> Violation:
    fixed = source[opening: closing].rstrip() + ")" * depth + " }}"
    example = fixed if "\n" not in fixed and len(fixed) <= MAX_SHOWN_CALL else EXAMPLE_CALL
    return Violation(_line_at(source, opening), "a macro call is not closed: '(' has no matching ')'",
                     f"close the bracket before }}}}: {example}", opening)


def delimiter_violations(source: str) -> list[Violation]:
    """Curly quotes in a call and unmatched `{{` / `}}`, each at its own line, found before Jinja parses.

    Jinja reports these where it gives up (often lines later, in its own token names);
    a plain scan of the delimiters knows where the editor's mistake is. Straight quotes
    are followed, so a `}}` inside a quoted value does not close the call."""
    found: list[Violation] = []
    position, opening = 0, None
    quote, depth = "", 0  # the open quote mark and the number of open '(' inside a call
    while position < len(source):
        pair = source[position: position + 2]
        char = source[position]
        if opening is None:
            if pair == "{{":
                opening, quote, depth, position = position, "", 0, position + 2
                continue
            if pair == "}}":
                found.append(Violation(_line_at(source, position),
                                       "'}}' closes a macro call that was never opened with '{{'",
                                       f"start the call with {{{{, e.g. {EXAMPLE_CALL}, or remove the '}}}}'",
                                       position))
                position += 2
                continue
        elif quote:
            if char == quote:
                quote = ""
            elif char == "\n" and source[position - 1] == "\n" or pair == "{{":
                # A blank line or a new call inside a quoted value: the quote was never closed.
                found.append(_unclosed(source, opening))
                opening, quote = None, ""
                continue
        elif char in "\"'":
            quote = char
        elif char in CURLY_QUOTES:
            closing = source.find("}}", position)
            if closing == -1 or -1 < source.find("{{", position) < closing:
                closing = -1
            found.append(_curly_quote_violation(source, opening, closing if closing != -1 else None, position))
            # One message per call: go on after its end (or after this line when it has none).
            opening = None
            position = closing + 2 if closing != -1 else max(source.find("\n", position), position + 1)
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif pair == "}}":
            if depth > 0:
                found.append(_unclosed_bracket(source, opening, position, depth))
            opening, position = None, position + 2
            continue
        elif pair == "{{" or (char == "\n" and source[position - 1] == "\n"):
            # A call does not run on past a blank line or into the next call.
            found.append(_unclosed(source, opening))
            opening = None
            continue
        position += 1
    if opening is not None:
        found.append(_unclosed(source, opening))
    return found


def _syntax_violation(err: TemplateSyntaxError, source: str) -> Violation:
    line = err.lineno or 1
    if "{%" in source and ("statement" in (err.message or "") or "tag" in (err.message or "")
                           or "block" in (err.message or "")):
        return _statement(line)
    # Jinja's own words name its parser's tokens: the editor gets the form that works instead.
    return Violation(line, "this macro call cannot be read",
                     f"check its brackets, commas and quotes: write it like {EXAMPLE_CALL}")


def _statement(line: int) -> Violation:
    return Violation(line, "template statements ({% ... %}) are not allowed: pages may only call macros",
                     f"write a macro call such as {EXAMPLE_CALL}; ask a maintainer for a new macro")


def violations(source: str, names: Collection[str]) -> list[Violation]:
    """Everything in `source` beyond text and literal calls of the macros in `names`."""
    if "{{" not in source and "}}" not in source and "{%" not in source and "{##" not in source:
        return []
    delimiters = delimiter_violations(source)
    if delimiters:
        return delimiters
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError as err:
        return [_syntax_violation(err, source)]
    found: list[Violation] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            found.append(_statement(node.lineno or 1))
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
