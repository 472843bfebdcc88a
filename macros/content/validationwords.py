"""pydantic's validation errors told in an editor's words: what is wrong with which field, and the right form.

pydantic describes a failure in its own terms ("Input should be a valid dictionary or
instance of Cell" at `0.rows.11.cells.sources`, or a regular expression). Each error
type is mapped here to a sentence that names the field, the entry, row and column by
their keys, and shows an example of what to write. Nothing here validates: the
models (macros/content/models.py) do; this only words their verdict.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from macros.content.models import Cell
from macros.content.yamlsource import line_of
from macros.errors import Problem

# An example value per field name, shown in hints ("e.g. ...").
EXAMPLES = {
    "key": "side-effects",
    "date": "2026-11-30",
    "published": "2026-11-30",
    "updated": "2026-11-30",
    "last_reviewed": "2026-11-30",
    "next_review": "2027-11-30",
    "doi": "10.1016/j.jbmt.2014.01.003",
    "pmid": "28592980",
    "url": "https://www.nice.org.uk/guidance/ng193",
    "year": "2014",
    "sources": "[brady-2014, boyce-2020]",
    "references": "[brady-2014, boyce-2020]",
    "related": "[trigger-point, pneumothorax]",
    "synonyms": "[trigger point, knot]",
    "abbreviations": "[DN]",
    "name": "Jane Doe",
}
DATE_EXAMPLE = EXAMPLES["date"]
# Lists whose items are keys of other entries (the others hold words).
KEY_LISTS = {"sources", "references", "related", "reviewed_by"}
# The singular a nested list's entries are called by ("row 'aim'").
SINGULAR = {"rows": "row", "columns": "column", "cells": "column", "certainty": "certainty level",
            "findings": "finding", "verdicts": "verdict", "frequency_bands": "band", "interventions": "intervention"}
_QUOTED = re.compile(r"'([^']*)'")


def _example(name: str, fallback: str = "...") -> str:
    return EXAMPLES.get(name, fallback)


def _place(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Where a nested field is, by the keys editors wrote: "row 'aim', column 'dry-needling'".

    The entry itself is not named: the line printed points into it."""
    words: list[str] = []
    node, parent = raw, ""
    for index, part in enumerate(loc[:-1]):
        if index == 0 and isinstance(raw, list) and isinstance(part, int) and 0 <= part < len(raw):
            node = raw[part]
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            key = node.get("key") if isinstance(node, dict) else None
            label = SINGULAR.get(parent, "entry")
            words.append(f"{label} '{key}'" if key else f"{label} {part + 1}")
        elif isinstance(node, dict) and part in node:
            if parent == "cells":
                words.append(f"column '{part}'")
            node, parent = node[part], str(part)
        else:
            break
    return ", ".join(words)


def _with_place(text: str, place: str) -> str:
    return f"{text} ({place})" if place else text


def _type_words(kind: str, name: str, value: object) -> tuple[str, str]:
    """(what is wrong, how to write it) for a value of the wrong type."""
    if kind == "list_type":
        if name in KEY_LISTS:
            return (f"'{name}' must be a list of keys in square brackets",
                    f"write it like {name}: {_example(name, '[brady-2014, boyce-2020]')}")
        return f"'{name}' must be a list in square brackets", f"write it like {name}: {_example(name, '[one, two]')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' must be a whole number", f"write digits only, e.g. {name}: {_example(name, '12')}"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}' must be true or false", f"write {name}: true or {name}: false"
    if kind == "string_type" and isinstance(value, list):
        return (f"'{name}' must be text, not a list", f"remove the square brackets: {name}: {_example(name, 'plain words')}")
    if kind == "string_type" and isinstance(value, dict):
        return (f"'{name}' must be text on one line, not indented fields",
                f"put quotes around text holding ': ', e.g. {name}: \"Risk: low\"")
    if kind == "string_type":
        return f"'{name}' must be text", f"put it in quotes, e.g. {name}: \"{value}\""
    # dict_type, model_type, model_attributes_type: a group of indented fields was expected.
    return (f"'{name}' must hold its own fields, indented under it",
            "indent each field two spaces more than the line above (see the other entries)")


def words(item: Any, name: str) -> tuple[str, str]:
    """(what is wrong, how to write it) for one pydantic error about the field `name`."""
    kind: str = item["type"]
    ctx = item.get("ctx") or {}
    value = item.get("input")
    if kind == "extra_forbidden":
        return f"unknown field '{name}'", "remove it or fix its spelling (CONTRIBUTING.md lists each file's fields)"
    if kind == "missing":
        return (f"missing required field '{name}'",
                f"add a line '{name}: {_example(name)}' to the entry (CONTRIBUTING.md lists each file's fields)")
    if kind == "value_error":
        error = str(ctx.get("error", "is not valid"))
        if "YYYY-MM" in error or "real date" in error:
            return f"'{name}' {error}", f"write the date as YYYY-MM-DD, for example {DATE_EXAMPLE}"
        if "markup" in error:
            return f"'{name}' {error}", "write plain words here; links and formatting belong in the Markdown text"
        if name in EXAMPLES:
            return f"'{name}' {error}", f"write it like {name}: {_example(name)}"
        return f"'{name}' {error}", "the comment at the top of the file shows this field's form"
    if kind == "literal_error":
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        return f"'{name}' must be one of: {', '.join(choices)}", f"write it like {name}: {choices[0] if choices else '...'}"
    if kind == "string_pattern_mismatch" and name == "url":
        return f"'{name}' must be an https:// address", f"write it like {name}: {_example(name)}"
    if kind in ("too_short", "too_long"):
        count = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        bound = "at least" if kind == "too_short" else "at most"
        what = "key" if name in KEY_LISTS else "item"
        return (f"'{name}' needs {bound} {count} {what}{'s' if count != 1 else ''}",
                f"write it like {name}: {_example(name, '[one, two]')}")
    if kind in ("string_too_short", "string_too_long"):
        count = ctx.get("min_length") if kind == "string_too_short" else ctx.get("max_length")
        bound = "at least" if kind == "string_too_short" else "at most"
        return f"'{name}' is {len(str(value))} characters long", f"write {bound} {count} characters"
    bounds = {"greater_than_equal": ("ge", "{} or more"), "greater_than": ("gt", "more than {}"),
              "less_than_equal": ("le", "{} or less"), "less_than": ("lt", "less than {}")}
    if kind in bounds:
        limit, shape = bounds[kind]
        return (f"'{name}' is {value}; it must be {shape.format(ctx.get(limit))}",
                f"write a number in that range, e.g. {name}: {_example(name, str(ctx.get(limit)))}")
    if kind.endswith(("_type", "_parsing")):
        return _type_words(kind, name, value)
    return (f"'{name}' has a value this field cannot hold",
            "compare it with the other entries of the file, and see CONTRIBUTING.md for the fields")


def _one(item: Any, raw: Any, path: str, loc: tuple[int | str, ...]) -> Problem:
    message, hint = words(item, str(loc[-1]) if loc else "?")
    return Problem(path, line_of(raw, loc), _with_place(message, _place(raw, loc)), hint)


def _cell_indentation(raw: Any, path: str, loc: tuple[int | str, ...], columns: list[str]) -> Problem:
    """A cell's own field (`sources`) written at the level of the columns: an indentation mistake.
    `columns` are the cells of the row that now lack the field (the one it was moved out of)."""
    name = str(loc[-1])
    place = ", ".join([p for p in (_place(raw, loc),) if p] + [f"column '{c}'" for c in columns])
    return Problem(path, line_of(raw, loc), _with_place(f"'{name}' must be inside the cell, indented under 'text'", place),
                   f"indent '{name}:' two more spaces, to line up with 'text:' above it")


def problems(err: ValidationError, raw: Any, path: str, prefix: tuple[int | str, ...] = ()) -> list[Problem]:
    """One plain problem per pydantic error, at the line of the field it is about."""
    found: list[Problem] = []
    misplaced: set[tuple[int | str, ...]] = set()  # the cells' parents where a cell field is written too far out
    errors = err.errors()
    locs = [prefix + tuple(item["loc"]) for item in errors]
    for item, loc in zip(errors, locs, strict=True):
        if (item["type"] in ("dict_type", "model_type", "model_attributes_type") and len(loc) >= 2
                and loc[-2] == "cells" and str(loc[-1]) in Cell.model_fields):
            lacking = [str(other[-2]) for other, error in zip(locs, errors, strict=True)
                       if error["type"] == "missing" and other[:-2] == loc[:-1] and other[-1] == loc[-1]]
            found.append(_cell_indentation(raw, path, loc, lacking))
            misplaced.add(loc[:-1])
    for item in errors:
        loc = prefix + tuple(item["loc"])
        # The cell the field was moved out of now lacks it: that is the same mistake, said once.
        if item["type"] == "missing" and len(loc) >= 3 and loc[:-2] in misplaced:
            continue
        if loc[:-1] in misplaced and str(loc[-1]) in Cell.model_fields:
            continue  # said above, as an indentation mistake
        found.append(_one(item, raw, path, loc))
    return found
