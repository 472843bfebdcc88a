"""Load every data file once, validate it, and cross-check the keys between files.

The result, `SiteData`, is the one source of truth that pages, embeds, the JSON
API and the checker all render from. Loading collects every problem before it
fails, so an editor sees all mistakes at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from macros.content import datafiles, validationwords
from macros.content.markdown_scan import Line, numbered_lines, text_lines
from macros.content.models import (
    CARE_TIERS,
    RATED_BY_US,
    CareTier,
    ChangeEntry,
    Claim,
    Comparison,
    FaqEntry,
    Figure,
    Finding,
    FrequencyBand,
    GlossaryTerm,
    GradedQuestion,
    Guidance,
    Intervention,
    KeyPoints,
    Pictures,
    Reference,
    Reviewer,
    Scale,
    Scales,
)
from macros.content.yamlsource import LineDict, TextSpan, YamlProblem, load_file
from macros.errors import DataError, Problem, closest, did_you_mean

FILES = datafiles.FILES

# The models of the files that hold a list of keyed entries.
M = TypeVar("M", Reference, GlossaryTerm, Comparison, FaqEntry, Claim, Guidance, Reviewer, GradedQuestion, Figure,
            CareTier, ChangeEntry, KeyPoints)
# An entry whose Markdown text fields are rendered (by pages, embeds, JSON-LD and the API).
TextEntry = Reference | GlossaryTerm | Comparison | FaqEntry | Claim | Guidance | KeyPoints


@dataclass
class Origin:
    """Where a value was written: used to point at a data-file line in errors."""

    path: str
    line: int | None
    span: TextSpan | None = None  # the source lines of a text written over several lines

    def line_in(self, text: str, inner: int | None = None, offset: int | None = None) -> int | None:
        """The file line of a place in this field's `text`: by character `offset`, else by the
        text's own 1-based line `inner` (a folded text is one line once read: only the span knows)."""
        if self.span is not None:
            if offset is None and inner:
                offset = sum(len(line) + 1 for line in text.split("\n")[: inner - 1])
            return self.span.source_line(text, offset) if offset is not None else self.span.first_line
        if self.line is None:
            return None
        return self.line + (inner or 1) - 1

    def text_lines(self, text: str) -> list[Line]:
        """The field's text line by line, numbered as the file shows it (for the checker's line checks)."""
        if self.span is not None:
            return list(numbered_lines(self.span.lines, self.span.first_line))
        return list(text_lines(text, self.line))


@dataclass
class SiteData:
    references: dict[str, Reference]
    glossary: dict[str, GlossaryTerm]
    comparisons: dict[str, Comparison]
    faq: list[FaqEntry]
    claims: list[Claim]
    guidance: dict[str, Guidance]
    scales: Scales
    reviewers: dict[str, Reviewer]
    evidence: dict[str, GradedQuestion] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    # The drawings' facts (pictures.yml); empty lists when the file could not be read.
    pictures: Pictures = field(default_factory=lambda: Pictures.model_construct(needles=[], layers=[], lung_sites=[]))
    care: dict[str, CareTier] = field(default_factory=dict)  # in CARE_TIERS order
    changes: list[ChangeEntry] = field(default_factory=list)  # as the file lists them (changelog.py sorts)
    keypoints: dict[str, KeyPoints] = field(default_factory=dict)  # page key -> its key points
    # (file kind, entry key, field name) -> where it was written
    origins: dict[tuple[str, str, str], Origin] = field(default_factory=dict)

    @property
    def certainty(self) -> dict[str, Scale]:
        return {c.key: c for c in self.scales.certainty}

    @property
    def findings(self) -> dict[str, Finding]:
        return {f.key: f for f in self.scales.findings}

    @property
    def bands(self) -> list[FrequencyBand]:
        return list(self.scales.frequency_bands)

    @property
    def interventions(self) -> dict[str, Intervention]:
        return {i.key: i for i in self.scales.interventions}

    @property
    def verdicts(self) -> dict[str, Scale]:
        return {v.key: v for v in self.scales.verdicts}

    def origin(self, kind: str, key: str, name: str) -> Origin:
        return self.origins.get((kind, key, name)) or Origin(datafiles.display_path(kind), None)

    def text_entries(self) -> Iterator[tuple[str, TextEntry]]:
        """(file kind, entry) for every entry with Markdown text fields: all the text pages show from data."""
        groups: dict[str, Iterable[TextEntry]] = {
            "references": self.references.values(), "glossary": self.glossary.values(),
            "comparisons": self.comparisons.values(), "faq": self.faq, "claims": self.claims,
            "guidance": self.guidance.values(), "keypoints": self.keypoints.values()}
        for kind, group in groups.items():
            for entry in group:
                yield kind, entry

    def text_origin(self, kind: str, key: str, dotted: str) -> Origin:
        """Where a text field named as `markdown_fields` names it was written: a nested one
        (`rows.aim.cells.dry-needling.text`) at its own line, else at its top-level field."""
        return self.origins.get((kind, key, dotted)) or self.origin(kind, key, dotted.split(".")[0])


def _display(path: Path, project_dir: Path) -> str:
    try:
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        return str(path)


def _load_list(kind: str, model: type[M], data_dir: Path, project_dir: Path,
               problems: list[Problem], origins: dict[tuple[str, str, str], Origin],
               invalid: set[str] | None = None, unread: set[str] | None = None) -> list[M]:
    """The valid entries of one list file; the keys of entries that failed go to `invalid`,
    and `kind` goes to `unread` when the file itself could not be read."""
    file = data_dir / FILES[kind]
    path = _display(file, project_dir)
    try:
        raw = load_file(file, path)
    except (FileNotFoundError, YamlProblem) as err:
        problems.append(err.problem if isinstance(err, YamlProblem)
                        else Problem(path, None, "data file is missing", f"create {FILES[kind]}"))
        if unread is not None:
            unread.add(kind)
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
            problems.extend(validationwords.problems(err, raw, path, (index,)))
            if invalid is not None and isinstance(entry, dict) and isinstance(entry.get("key"), str):
                invalid.add(entry["key"])
            continue
        key = item.key
        line = getattr(entry, "line", None)
        if key in seen:
            if isinstance(item, ChangeEntry):  # keyed by date and text: the same entry written twice
                problems.append(Problem(path, line, f"the same change is written twice (first at line {seen[key]})",
                                        "delete one of the two entries"))
            else:
                problems.append(Problem(path, line, f"duplicate key '{key}' (first at line {seen[key]})",
                                        "every entry needs its own key: rename or merge one"))
            continue
        seen[key] = line
        for name in type(item).model_fields:
            origins[(kind, key, name)] = Origin(path, entry.key_lines.get(name, line),
                                                getattr(entry, "text_spans", {}).get(name))
        _nested_origins(entry, "", origins, (kind, key, path))
        items.append(item)
    return items


def _nested_origins(node: LineDict, prefix: str, origins: dict[tuple[str, str, str], Origin],
                    where: tuple[str, str, str]) -> None:
    """Origins of the fields inside an entry, dotted as `markdown_fields` names them
    (`rows.aim.cells.dry-needling.text`): a mistake in a table cell points at the cell."""
    kind, key, path = where
    for name, value in node.items():
        dotted = f"{prefix}{name}"
        if prefix:
            origins[(kind, key, dotted)] = Origin(path, node.key_lines.get(str(name)), node.text_spans.get(str(name)))
        if isinstance(value, LineDict):
            _nested_origins(value, dotted + ".", origins, where)
        elif isinstance(value, list):
            for child in value:
                if isinstance(child, LineDict) and isinstance(child.get("key"), str):
                    _nested_origins(child, f"{dotted}.{child['key']}.", origins, where)


class _AnyKey(Collection[str]):
    """The keys of a data file that could not be read: any key may be one of them."""

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


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
    # Keys of entries already reported as invalid: citing them is not a second mistake.
    invalid_refs: set[str] = set()
    invalid_terms: set[str] = set()
    # Files that could not be read: keys pointing into them cannot be checked, and are not reported.
    unread: set[str] = set()
    refs = _load_list("references", Reference, data_dir, project_dir, problems, origins, invalid_refs, unread)
    terms = _load_list("glossary", GlossaryTerm, data_dir, project_dir, problems, origins, invalid_terms, unread)
    comps = _load_list("comparisons", Comparison, data_dir, project_dir, problems, origins)
    faq = _load_list("faq", FaqEntry, data_dir, project_dir, problems, origins)
    claims = _load_list("claims", Claim, data_dir, project_dir, problems, origins)
    guidance = _load_list("guidance", Guidance, data_dir, project_dir, problems, origins)
    reviewers = _load_list("reviewers", Reviewer, data_dir, project_dir, problems, origins)

    scales_file = data_dir / FILES["scales"]
    scales_path = _display(scales_file, project_dir)
    scales = Scales.model_construct(certainty=[], findings=[], verdicts=[], frequency_bands=[], interventions=[],
                                     faq_groups=[])
    try:
        raw_scales = load_file(scales_file, scales_path)
        scales = Scales.model_validate(raw_scales)
    except YamlProblem as err:
        problems.append(err.problem)
        unread.add("scales")
    except ValidationError as err:
        problems.extend(validationwords.problems(err, raw_scales, scales_path))
        unread.add("scales")
    evidence = _load_list("evidence", GradedQuestion, data_dir, project_dir, problems, origins)
    figures = _load_list("figures", Figure, data_dir, project_dir, problems, origins)
    pictures, picture_lines = _load_pictures(data_dir, project_dir, problems)
    invalid_care: set[str] = set()  # a tier already reported as invalid is not also "missing"
    care = _load_list("care", CareTier, data_dir, project_dir, problems, origins, invalid_care, unread)
    # Dates and page keys are checked when the Site loads: they need the build's day and the pages.
    changes = _load_list("changes", ChangeEntry, data_dir, project_dir, problems, origins)
    keypoints = _load_list("keypoints", KeyPoints, data_dir, project_dir, problems, origins)

    site = SiteData(
        references={r.key: r for r in refs},
        glossary={t.key: t for t in terms},
        comparisons={c.key: c for c in comps},
        faq=faq,
        claims=claims,
        guidance={g.key: g for g in guidance},
        scales=scales,
        reviewers={r.key: r for r in reviewers},
        evidence={q.key: q for q in evidence},
        figures={f.key: f for f in figures},
        pictures=pictures,
        care={t.key: t for t in care},
        changes=changes,
        keypoints={k.key: k for k in keypoints},
        origins=origins,
    )
    ref_file, term_file = datafiles.display_path("references"), datafiles.display_path("glossary")
    ref_keys: Collection[str] = _AnyKey() if "references" in unread else set(site.references) | invalid_refs
    term_keys: Collection[str] = _AnyKey() if "glossary" in unread else set(site.glossary) | invalid_terms
    for term in terms:
        _check_refs(term.references, ref_keys, site.origin("glossary", term.key, "references"),
                    "reference key", ref_file, problems)
        _check_refs(term.related, term_keys, site.origin("glossary", term.key, "related"),
                    "glossary term", term_file, problems)
    for comp in comps:
        columns = {c.key for c in comp.columns}
        for row in comp.rows:
            origin = site.text_origin("comparisons", comp.key, f"rows.{row.key}.cells")
            if set(row.cells) != columns:
                missing = sorted(columns - set(row.cells))
                extra = sorted(set(row.cells) - columns)
                for column in missing:
                    problems.append(Problem(origin.path, origin.line,
                                            f"row '{row.key}' has no cell for column '{column}'",
                                            f"add '{column}:' under the row's 'cells:', with its text and sources"))
                for column in extra:
                    problems.append(Problem(origin.path, origin.line,
                                            f"row '{row.key}' has a cell '{column}', which is not a column",
                                            "use a column key: " + ", ".join(sorted(columns))))
            for column, cell in row.cells.items():
                _check_refs(cell.sources, ref_keys,
                            site.text_origin("comparisons", comp.key, f"rows.{row.key}.cells.{column}.sources"),
                            "reference key", ref_file, problems)
    verdicts = site.verdicts
    for claim in claims:
        origin = site.origin("claims", claim.key, "verdict")
        if claim.verdict not in verdicts and "scales" not in unread:
            problems.append(Problem(origin.path, origin.line, f"unknown verdict '{claim.verdict}'",
                                    did_you_mean(claim.verdict, verdicts, datafiles.display_path("scales"))))
        _check_refs(claim.references, ref_keys, site.origin("claims", claim.key, "references"),
                    "reference key", ref_file, problems)
    for rec in guidance:
        _check_refs([rec.reference], ref_keys, site.origin("guidance", rec.key, "reference"),
                    "reference key", ref_file, problems)
    groups = [g.key for g in site.scales.faq_groups]
    for entry in faq:
        _check_refs(entry.references, ref_keys, site.origin("faq", entry.key, "references"),
                    "reference key", ref_file, problems)
        if "scales" not in unread and entry.group not in groups:
            origin = site.origin("faq", entry.key, "group")
            near = closest(entry.group, groups)
            hint = ("did you mean " + " or ".join(f"'{n}'" for n in near) + "? ") if near else ""
            problems.append(Problem(origin.path, origin.line, f"'{entry.group}' is not a FAQ group",
                                    f"{hint}{'Write' if hint else 'write'} one of the groups listed under faq_groups in "
                                    f"{datafiles.display_path('scales')}: {', '.join(groups)}"))
    _check_evidence(site, ref_keys, problems, scales_read="scales" not in unread)
    pictures_file = datafiles.display_path("pictures")
    drawn = [(n.key, n.sources) for n in pictures.needles] + [(s.key, s.sources) for s in pictures.lung_sites]
    for drawn_key, sources in drawn:
        _check_refs(sources, ref_keys, Origin(pictures_file, picture_lines.get(drawn_key)),
                    "reference key", ref_file, problems)
    if "care" not in unread:
        _check_care(site, ref_keys, problems, invalid_care)
    if problems:
        raise DataError(problems)
    return site


def _load_pictures(data_dir: Path, project_dir: Path, problems: list[Problem]) -> tuple[Pictures, dict[str, int]]:
    """pictures.yml (one mapping, like scales.yml), and the line of each entry's key for messages."""
    file = data_dir / FILES["pictures"]
    path = _display(file, project_dir)
    empty = Pictures.model_construct(needles=[], layers=[], lung_sites=[])
    try:
        raw = load_file(file, path)
        pictures = Pictures.model_validate(raw)
    except FileNotFoundError:
        problems.append(Problem(path, None, "data file is missing", f"create {FILES['pictures']}"))
        return empty, {}
    except YamlProblem as err:
        problems.append(err.problem)
        return empty, {}
    except ValidationError as err:
        problems.extend(validationwords.problems(err, raw, path))
        return empty, {}
    lines: dict[str, int] = {}
    for group in raw.values() if isinstance(raw, dict) else ():
        for entry in group if isinstance(group, list) else ():
            if isinstance(entry, LineDict) and isinstance(entry.get("key"), str):
                lines[entry["key"]] = entry.key_lines.get("sources", entry.line)
    return pictures, lines
def _check_care(site: SiteData, ref_keys: Collection[str], problems: list[Problem], invalid: set[str]) -> None:
    """The care tiers are the three known ones, each once, most urgent first; FAQ entries name known tiers."""
    # The file as loaded (a checker's copy of the project names its own path).
    path = next((site.origin("care", key, "key").path for key in site.care), datafiles.display_path("care"))
    tiers = ", ".join(CARE_TIERS)
    for tier in site.care.values():
        origin = site.origin("care", tier.key, "key")
        if tier.key not in CARE_TIERS:
            problems.append(Problem(path, origin.line, f"unknown care tier '{tier.key}'",
                                    did_you_mean(tier.key, CARE_TIERS, path) + f"; the tiers are: {tiers}"))
        _check_refs(tier.sources, ref_keys, site.origin("care", tier.key, "sources"), "reference key",
                    datafiles.display_path("references"), problems)
    written = [key for key in site.care if key in CARE_TIERS]
    for key in CARE_TIERS:
        if key not in site.care and key not in invalid:
            problems.append(Problem(path, None, f"the care tier '{key}' is missing",
                                    f"add an entry '- key: {key}' with its heading, action, signs and sources"))
    if written != [key for key in CARE_TIERS if key in written]:
        problems.append(Problem(path, None, f"the care tiers are in the order {', '.join(written)}",
                                f"put them most urgent first: {tiers}"))
    for entry in site.faq:
        for key in entry.care:
            if key not in CARE_TIERS:
                origin = site.origin("faq", entry.key, "care")
                problems.append(Problem(origin.path, origin.line, f"unknown care tier '{key}'",
                                        did_you_mean(key, CARE_TIERS, path) + f"; the tiers are: {tiers}"))


def _check_scale_key(value: str, scale: Collection[str], origin: Origin, what: str, problems: list[Problem]) -> None:
    if value not in scale:
        problems.append(Problem(origin.path, origin.line, f"'{value}' is not a {what} on the site's scale",
                                did_you_mean(value, scale, datafiles.display_path("scales"))
                                + f"; the scale is: {', '.join(scale)}"))


def _check_evidence(site: SiteData, ref_keys: Collection[str], problems: list[Problem], scales_read: bool) -> None:
    """Graded questions and figures name scale words and references that exist."""
    ref_file = datafiles.display_path("references")
    for question in site.evidence.values():
        def at(name: str, key: str = question.key) -> Origin:
            return site.origin("evidence", key, name)
        if scales_read:  # else the scale's words are unknown: nothing to compare with
            _check_scale_key(question.certainty, site.certainty, at("certainty"), "certainty", problems)
            _check_scale_key(question.finding, site.findings, at("finding"), "finding", problems)
        _check_refs(question.sources, ref_keys, at("sources"), "reference key", ref_file, problems)
        if question.rated_by != RATED_BY_US:
            _check_refs([question.rated_by], ref_keys, at("rated_by"),
                        f"rater (write '{RATED_BY_US}' or the key of the review that rated it)", ref_file, problems)
    bands = site.scales.frequency_bands
    if bands and bands[-1].from_one_in is not None:
        problems.append(Problem(datafiles.display_path("scales"), None,
                                "the last frequency band needs no 'from_one_in' (it holds every rate below the others)",
                                "remove 'from_one_in' from the last band"))
    for figure in site.figures.values():
        origin = site.origin("figures", figure.key, "intervention")
        if scales_read:
            _check_scale_key(figure.intervention, site.interventions, origin, "intervention", problems)
        _check_refs([figure.source], ref_keys, site.origin("figures", figure.key, "source"),
                    "reference key", ref_file, problems)
