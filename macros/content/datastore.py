"""Load every data file once, validate it, and cross-check the keys between files.

The result, `SiteData`, is the one source of truth that pages, embeds, the JSON
API and the checker all render from. Loading collects every problem before it
fails, so an editor sees all mistakes at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from macros.content import datafiles
from macros.content.models import (
    Claim,
    Comparison,
    FaqEntry,
    GlossaryTerm,
    Reference,
    Reviewer,
    Scale,
    Scales,
)
from macros.content.yamlsource import YamlProblem, line_of, load_file
from macros.errors import DataError, Problem, did_you_mean

FILES = datafiles.FILES

# The models of the files that hold a list of keyed entries.
M = TypeVar("M", Reference, GlossaryTerm, Comparison, FaqEntry, Claim, Reviewer)
# An entry whose Markdown text fields are rendered (by pages, embeds, JSON-LD and the API).
TextEntry = Reference | GlossaryTerm | Comparison | FaqEntry | Claim


@dataclass
class Origin:
    """Where a value was written: used to point at a data-file line in errors."""

    path: str
    line: int | None


@dataclass
class SiteData:
    references: dict[str, Reference]
    glossary: dict[str, GlossaryTerm]
    comparisons: dict[str, Comparison]
    faq: list[FaqEntry]
    claims: list[Claim]
    scales: Scales
    reviewers: dict[str, Reviewer]
    # (file kind, entry key, field name) -> where it was written
    origins: dict[tuple[str, str, str], Origin] = field(default_factory=dict)

    @property
    def grades(self) -> dict[str, Scale]:
        return {g.key: g for g in self.scales.grades}

    @property
    def verdicts(self) -> dict[str, Scale]:
        return {v.key: v for v in self.scales.verdicts}

    def origin(self, kind: str, key: str, name: str) -> Origin:
        return self.origins.get((kind, key, name)) or Origin(datafiles.display_path(kind), None)


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return str(path)


def _pydantic_problems(err: ValidationError, raw: Any, path: str,
                       prefix: tuple[int | str, ...] = ()) -> list[Problem]:
    problems = []
    for item in err.errors():
        loc = prefix + tuple(item["loc"])
        where = ".".join(str(p) for p in loc)
        kind = item["type"]
        if kind == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'"
            hint = "remove it or fix its name (see CONTRIBUTING.md for the fields)"
        elif kind == "missing":
            message = f"missing required field '{loc[-1]}'"
            hint = "add it (see CONTRIBUTING.md for the fields)"
        elif kind == "value_error":
            message = f"'{loc[-1]}' {item['ctx']['error']}"
            hint = "write plain words here; links and formatting belong in the Markdown text fields"
        else:
            value = item.get("input")
            shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
            message = f"bad value {shown} at {where}: {item['msg']}"
            hint = "fix the value to the expected type and form"
        problems.append(Problem(path, line_of(raw, loc), message, hint))
    return problems


def _load_list(kind: str, model: type[M], data_dir: Path, project_dir: Path,
               problems: list[Problem], origins: dict[tuple[str, str, str], Origin]) -> list[M]:
    file = data_dir / FILES[kind]
    path = _display(file, project_dir)
    try:
        raw = load_file(file, path)
    except FileNotFoundError:
        problems.append(Problem(path, None, "data file is missing", f"create {FILES[kind]}"))
        return []
    except YamlProblem as err:
        problems.append(err.problem)
        return []
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append(Problem(path, 1, "expected a list of entries (lines starting with '- ')",
                                "start each entry with '- key: ...'"))
        return []
    items: list[M] = []
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(raw):
        try:
            item = model.model_validate(entry)
        except ValidationError as err:
            problems.extend(_pydantic_problems(err, raw, path, (index,)))
            continue
        key = item.key
        line = getattr(entry, "line", None)
        if key in seen:
            problems.append(Problem(path, line, f"duplicate key '{key}' (first at line {seen[key]})",
                                    "every entry needs its own key: rename or merge one"))
            continue
        seen[key] = line
        for name in type(item).model_fields:
            origins[(kind, key, name)] = Origin(path, entry.key_lines.get(name, line))
        items.append(item)
    return items


def _check_refs(keys: Iterable[str], valid: Collection[str], origin: Origin, what: str, file: str,
                problems: list[Problem]) -> None:
    for key in keys:
        if key not in valid:
            problems.append(Problem(origin.path, origin.line, f"unknown {what} '{key}'",
                                    did_you_mean(key, valid, file)))


def load(project_dir: Path, data_dir: Path | None = None) -> SiteData:
    """Load and cross-check all data files; raise DataError listing every problem.

    The data live in the project being checked (`project_dir`), which need not be
    the copy this package was imported from (the checker's tests run on copies).
    """
    data_dir = data_dir or datafiles.data_dir(project_dir)
    problems: list[Problem] = []
    origins: dict[tuple[str, str, str], Origin] = {}
    refs = _load_list("references", Reference, data_dir, project_dir, problems, origins)
    terms = _load_list("glossary", GlossaryTerm, data_dir, project_dir, problems, origins)
    comps = _load_list("comparisons", Comparison, data_dir, project_dir, problems, origins)
    faq = _load_list("faq", FaqEntry, data_dir, project_dir, problems, origins)
    claims = _load_list("claims", Claim, data_dir, project_dir, problems, origins)
    reviewers = _load_list("reviewers", Reviewer, data_dir, project_dir, problems, origins)

    scales_file = data_dir / FILES["scales"]
    scales_path = _display(scales_file, project_dir)
    scales = Scales(grades=[], verdicts=[])
    try:
        raw_scales = load_file(scales_file, scales_path)
        scales = Scales.model_validate(raw_scales)
    except YamlProblem as err:
        problems.append(err.problem)
    except ValidationError as err:
        problems.extend(_pydantic_problems(err, raw_scales, scales_path))

    site = SiteData(
        references={r.key: r for r in refs},
        glossary={t.key: t for t in terms},
        comparisons={c.key: c for c in comps},
        faq=faq,
        claims=claims,
        scales=scales,
        reviewers={r.key: r for r in reviewers},
        origins=origins,
    )
    ref_file, term_file = datafiles.display_path("references"), datafiles.display_path("glossary")
    for term in terms:
        _check_refs(term.references, site.references, site.origin("glossary", term.key, "references"),
                    "reference key", ref_file, problems)
        _check_refs(term.related, site.glossary, site.origin("glossary", term.key, "related"),
                    "glossary term", term_file, problems)
    for comp in comps:
        columns = {c.key for c in comp.columns}
        for row in comp.rows:
            origin = site.origin("comparisons", comp.key, "rows")
            if set(row.cells) != columns:
                missing = sorted(columns - set(row.cells))
                extra = sorted(set(row.cells) - columns)
                problems.append(Problem(origin.path, origin.line,
                                        f"row '{row.key}' of '{comp.key}' has cells {sorted(row.cells)}"
                                        f" but the columns are {sorted(columns)}",
                                        f"add {missing} / remove {extra}" if missing or extra else ""))
            for cell in row.cells.values():
                _check_refs(cell.sources, site.references, origin, "reference key", ref_file, problems)
    verdicts = site.verdicts
    for claim in claims:
        origin = site.origin("claims", claim.key, "verdict")
        if claim.verdict not in verdicts:
            problems.append(Problem(origin.path, origin.line, f"unknown verdict '{claim.verdict}'",
                                    did_you_mean(claim.verdict, verdicts, datafiles.display_path("scales"))))
        _check_refs(claim.references, site.references, site.origin("claims", claim.key, "references"),
                    "reference key", ref_file, problems)
    for entry in faq:
        _check_refs(entry.references, site.references, site.origin("faq", entry.key, "references"),
                    "reference key", ref_file, problems)
    if problems:
        raise DataError(problems)
    return site
