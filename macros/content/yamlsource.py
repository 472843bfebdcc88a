"""YAML loading that remembers where each value came from.

Data files are validated after loading; to point an editor at the right line,
every mapping is loaded as a `LineDict` that knows the line of each key.
Duplicate keys, which plain PyYAML silently lets the last one win, are errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from macros.errors import Problem


class LineDict(dict[Any, Any]):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


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
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise DuplicateKey(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[str(key)] = key_node.start_mark.line + 1
        return mapping


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
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except DuplicateKey as err:
        at = err.problem_mark.line + 1 + line_offset if err.problem_mark else None
        raise YamlProblem(Problem(path, at, str(err.problem),
                                  "remove or rename one of the two entries")) from err
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        at = mark.line + 1 + line_offset if mark else None
        what = err.problem or err.context or "invalid YAML"
        raise YamlProblem(Problem(path, at, f"invalid YAML: {what}",
                                  "check indentation and quote text that contains ':' or '#'")) from err
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
