"""YAML loading that remembers where each value came from.

Data files are validated after loading; to point an editor at the right line,
every mapping is loaded as a `LineDict` that knows the line of each key.
Duplicate keys, which plain PyYAML silently lets the last one win, are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from macros.errors import Problem


@dataclass(frozen=True)
class TextSpan:
    """The source lines a text value spanning several lines was written on, as the editor sees them.

    A folded text (`>-`) or a long quoted one is one line once read; a message about a word
    in it must still point at the line the word is on (`source_line`)."""

    first_line: int  # 1-based line of lines[0]
    lines: tuple[str, ...]

    def source_line(self, text: str, offset: int) -> int:
        """The line holding the character at `offset` of the read `text`.

        Reading a text only joins lines, drops indentation and quote marks: counting the
        characters that are not spaces finds the same place in the source."""
        wanted = sum(not char.isspace() for char in text[:offset])
        seen = 0
        for number, line in enumerate(self.lines, start=self.first_line):
            seen += sum(not char.isspace() for char in line)
            if seen > wanted:
                return number
        return self.first_line + len(self.lines) - 1


class LineDict(dict[Any, Any]):
    """A dict that knows the 1-based line of itself and of each of its keys, and where each
    text value that spans several lines was written."""

    line: int = 0
    key_lines: dict[str, int]
    text_spans: dict[str, TextSpan]


class DuplicateKey(yaml.MarkedYAMLError):  # type: ignore[misc]  # PyYAML is untyped (no stubs in the locks)
    pass


# libyaml's parser when PyYAML has it (several times faster on the data files); the
# constructor below, which records lines, is the same Python code either way.
if TYPE_CHECKING:  # one class for mypy; at run time whichever this PyYAML has
    from yaml import SafeLoader as _SAFE_LOADER
else:
    _SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_LOADER):  # type: ignore[misc]  # PyYAML is untyped (no stubs in the locks)
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        mapping.text_spans = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise DuplicateKey(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[str(key)] = key_node.start_mark.line + 1
            span = self._text_span(value_node)
            if span is not None:
                mapping.text_spans[str(key)] = span
        return mapping

    def _text_span(self, node: yaml.Node) -> TextSpan | None:
        """Where a text value spanning several source lines was written (None for one-line values)."""
        source: list[str] = getattr(self, "source_lines", [])
        start, end = node.start_mark, node.end_mark
        if not isinstance(node, yaml.ScalarNode) or start.line == end.line or not source:
            return None
        if node.style in ("|", ">"):
            # The text starts on the line after the `>-` indicator; its end mark is at the
            # start of the line after the text.
            last = end.line if end.column else end.line - 1
            return TextSpan(start.line + 2, tuple(source[start.line + 1: last + 1]))
        quote = 1 if node.style in ("'", '"') else 0  # the quote marks are not text
        lines = source[start.line: end.line + 1]
        lines[-1] = lines[-1][: end.column - quote]
        lines[0] = lines[0][start.column + quote:]
        return TextSpan(start.line + 1, tuple(lines))


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
# Dates stay strings: front matter and data compare and print them as ISO text,
# and a JSON dump of a datetime.date would crash the build.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_DATA_FILE_BYTES = 512 * 1024
BOM = "\ufeff"


def _refuse_anchors(text: str, path: str, line_offset: int) -> None:
    """Anchors and aliases (`&a`, `*a`) let a few lines expand to gigabytes: editors' files may not use them."""
    if "&" not in text and "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(Problem(path, event.start_mark.line + 1 + line_offset,
                                          "YAML anchors and aliases ('&name', '*name') are not allowed",
                                          "write each value out in full; quote text that starts with & or *"))
    except yaml.YAMLError:
        return  # the parse below reports syntax errors with their line


# PyYAML's (and libyaml's) words for a syntax error, by what the editor did: (words found in its
# message, whether the mistake is where something was opened rather than where YAML gave up,
# what is wrong, how to write it). Its own words ("expected <block end>, but found '?'") are parser terms.
_YAML_MISTAKES = (
    (("flow sequence", "',' or ']'"), True, "invalid YAML: a list in square brackets is not closed",
     "end it with ], e.g. sources: [brady-2014, boyce-2020]"),
    (("flow mapping", "',' or '}'"), True, "invalid YAML: a value in curly brackets is not closed",
     "end it with }, e.g. - {key: dry-needling, label: Dry needling}"),
    (("escape",), False, "invalid YAML: a backslash (\\) inside double quotes",
     "put text that holds a backslash in single quotes, e.g. note: 'either\\or'"),
    (("quoted scalar",), True, "invalid YAML: a quote is opened but not closed",
     "end the text with the same quote mark it starts with, e.g. term: \"Trigger point\""),
    (("mapping values are not allowed",), False, "invalid YAML: a ': ' where YAML does not expect one",
     'put text that holds ": " in quotes, e.g. question: "Pain: is it normal?", '
     "and check that the line above ends its field name with ':'"),
    (("could not find expected ':'", "simple key"), False, "invalid YAML: a field name without its ':'",
     "write the field name, a colon and a space, then the value, e.g. term: Trigger point"),
    (("block end", "expected key", "'-' indicator", "block collection", "block mapping"), False,
     "invalid YAML: this line is not indented like the lines above",
     "line it up with the other fields of the same entry (two spaces per level, no tabs)"),
    (("cannot start any token",), False, "invalid YAML: a value starts with a character YAML reserves",
     'put the value in quotes, e.g. note: "@ the clinic"'),
)


def _text_after_closing_quote(line: str) -> bool:
    """True when a value that starts with a quote mark goes on after its closing mark (often a
    quote mark of the same kind inside the text, which YAML reads as the end of it)."""
    _, colon, value = line.partition(": ")
    value = value.strip()
    if not colon or not value or value[0] not in "\"'":
        return False
    mark, index = value[0], 1
    while index < len(value):
        if mark == '"' and value[index] == "\\":
            index += 2
            continue
        if value[index] == mark:
            if mark == "'" and value[index + 1: index + 2] == "'":  # '' is a quote inside '...'
                index += 2
                continue
            rest = value[index + 1:].strip()
            return bool(rest) and not rest.startswith("#")
        index += 1
    return False


def _plain(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[bool, str, str]:
    """(is the mistake at the opening mark, what is wrong, how to fix it) in an editor's words."""
    mark = err.problem_mark
    if mark is not None and mark.line < len(lines) and _text_after_closing_quote(lines[mark.line]):
        return False, "invalid YAML: the text goes on after its closing quote mark", \
            "keep the whole text inside the quotes; inside \"...\" use single quotes, " \
            "e.g. text: \"Some call it 'dry' needling\""
    said = f"{err.context or ''} {err.problem or ''}"
    for needles, at_opening, message, hint in _YAML_MISTAKES:
        if any(needle in said for needle in needles):
            return at_opening, message, hint
    return False, "invalid YAML: this line cannot be read", \
        "check its indentation, and put text that holds ': ' or ' #' in quotes"


def parse(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text; raise `YamlProblem` with the file and line on any error."""
    if text.startswith(BOM):
        raise YamlProblem(Problem(path, 1 + line_offset, "the file starts with an invisible byte-order mark (BOM)",
                                  "save the file as UTF-8 without BOM (most editors offer this when saving)"))
    _refuse_anchors(text, path, line_offset)
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            if "\t" in line[: len(line) - len(line.lstrip())]:
                raise YamlProblem(
                    Problem(path, number + line_offset, "tab used for indentation in YAML",
                            "indent with spaces (two per level), never tabs")
                )
    try:
        loader = _LineLoader(text)  # what yaml.load does, with the source kept for TextSpan
        loader.source_lines = text.splitlines()
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except DuplicateKey as err:
        at = err.problem_mark.line + 1 + line_offset if err.problem_mark else None
        raise YamlProblem(Problem(path, at, str(err.problem),
                                  "remove or rename one of the two entries")) from err
    except yaml.MarkedYAMLError as err:
        opened, message, hint = _plain(err, text.splitlines())
        mark = (err.context_mark if opened else None) or err.problem_mark or err.context_mark
        at = mark.line + 1 + line_offset if mark else None
        raise YamlProblem(Problem(path, at, message, hint)) from err
    except yaml.YAMLError as err:
        raise YamlProblem(Problem(path, None, f"invalid YAML: {err}", "check the file's syntax")) from err


def load_file(path: Path, display: str) -> Any:
    """Read and parse a UTF-8 YAML file (a real file of bounded size, never a link)."""
    if path.is_symlink():
        raise YamlProblem(Problem(display, None, "is a symbolic link", "replace it with the real file"))
    if path.exists() and path.stat().st_size > MAX_DATA_FILE_BYTES:
        raise YamlProblem(Problem(display, None, f"is {path.stat().st_size // 1024} KB; a data file may be "
                                  f"at most {MAX_DATA_FILE_BYTES // 1024} KB", "split it or shorten it"))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise YamlProblem(Problem(display, None, "file is not valid UTF-8",
                                  "save the file with UTF-8 encoding")) from err
    return parse(text, display)


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest mapping or key reached by following `loc` into `data`."""
    line = getattr(data, "line", None) or None
    node = data
    for part in loc:
        if isinstance(node, LineDict):
            line = node.key_lines.get(str(part), line)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            line = getattr(node, "line", line) or line
        else:
            break
    return line
