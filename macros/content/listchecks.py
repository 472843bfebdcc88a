"""Lists that must agree with the text beside them, and entries that must not be written twice.

Kept by hand, checked both ways (a key cited but not listed, a key listed but never cited):

- a page's front-matter `sources` against what the page cites, directly with `cite()` and
  through the data entries it shows (`faq()`, `claims()`, `comparison("key")`, ...);
- a glossary, FAQ or claim entry's `references` against what its Markdown text cites;
- a comparison cell's `sources` against what its text cites (the cell cites its sources itself).

Written twice: a reference whose DOI or PMID another entry already has, and an FAQ question
that asks what another one already asks.

The lists are kept, not derived: `sources` and `references` are published as they are (the
content API's `pages.json`, `glossary.json`, `faq.json`, `claims.json`), and a page's own list
is known before anything renders, when the Site loads. What a text cites is read from the
template parse (`templaterules.calls`), never by pattern matching, and only from text the
macro rule accepts (a page it refuses is left to the renderer's message). A text that cites an
unknown key is left to the renderer too, whose message names the near key: the list is not
blamed for a misspelt citation.

The build and `make check` both run `check` when the Site loads (macros/site.py).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from macros.content import frontmatter
from macros.content.datastore import SiteData
from macros.content.models import Claim, FaqEntry, GlossaryTerm
from macros.content.sourcepages import SourcePage
from macros.errors import Problem
from macros.render import table, templaterules

# The macro that cites (macros/render/inline.py); tests/test_listchecks.py holds the names here to the macro table.
CITE = "cite"


@functools.lru_cache(maxsize=4096)
def text_cites(text: str) -> tuple[str, ...]:
    """The keys a data text cites, in order. Data text has passed the macro rule when the data
    loaded (markup.data_text_problems), so every call in it runs. Kept per text: the FAQ, glossary
    and claims pages show the same texts the entry check reads."""
    if CITE not in text:
        return ()
    return tuple(key for _, name, args, _ in templaterules.calls(text) if name == CITE
                 for key in args if isinstance(key, str))


def _keys(texts: Iterable[str]) -> list[str]:
    return [key for text in texts for key in text_cites(text)]


# What the page macros that show data entries cite: the citations of the entries they render.
# Keyed by the macro's name in the table (macros/render/table.py); a test renders every page and
# holds this table to what the renderer actually cited.
Shown = Callable[[SiteData, Sequence[object]], list[str]]


def _care(data: SiteData, tiers: Iterable[object]) -> list[str]:
    wanted = {str(tier) for tier in tiers} or set(data.care)
    return [key for tier in data.care.values() if tier.key in wanted for key in tier.sources]


def _faq_cites(data: SiteData, entries: Iterable[FaqEntry]) -> list[str]:
    """An answer's citations, then its care cards' (macros/render/faq.py shows them in that order)."""
    return [key for entry in entries for key in [*_keys([entry.answer]), *(_care(data, entry.care) if entry.care else [])]]


def _faq_entry(data: SiteData, args: Sequence[object]) -> list[str]:
    return _faq_cites(data, (entry for entry in data.faq if entry.key in args[:1]))


def _comparison(data: SiteData, args: Sequence[object]) -> list[str]:
    comp = data.comparisons.get(str(args[0])) if args else None
    if comp is None:
        return []
    return ([key for row in comp.rows for cell in row.cells.values() for key in _keys([cell.text]) + cell.sources]
            + _keys([comp.notes]))


def _comparison_summary(data: SiteData, args: Sequence[object]) -> list[str]:
    comp = data.comparisons.get(str(args[0])) if args else None
    return _keys([comp.summary]) if comp else []


def _guidance(data: SiteData, args: Sequence[object]) -> list[str]:
    found = [data.guidance[str(key)] for key in args if str(key) in data.guidance]
    return [key for rec in found for key in [rec.reference, *_keys([rec.paraphrase])]]


SHOWN_BY: dict[str, Shown] = {
    "faq": lambda data, args: _faq_cites(data, data.faq),
    "faq_entry": _faq_entry,
    "glossary": lambda data, args: _keys(term.explanation for term in data.glossary.values()),
    "claims": lambda data, args: _keys(claim.explanation for claim in data.claims),
    "claim": lambda data, args: _keys(claim.explanation for claim in data.claims if claim.key in args[:1]),
    "glossary_term": lambda data, args: _keys(term.explanation for term in data.glossary.values()
                                              if term.key in args[:1]),
    "comparison": _comparison,
    "comparison_summary": _comparison_summary,
    "guidance": _guidance,
    "guidance_list": _guidance,
    "care_cards": lambda data, args: _care(data, args),
    "key_points": lambda data, args: _keys(data.keypoints[str(key)].points for key in args[:1]
                                           if str(key) in data.keypoints),
}


@dataclass(frozen=True)
class Citation:
    line: int  # in the file
    key: str
    via: str  # "" for a cite() written here, else the call that showed the citing entry: 'faq()'


Call = tuple[int, str, list[object], dict[str, object]]  # as templaterules.calls gives them


def runnable_calls(page: SourcePage) -> list[Call]:
    """The macro calls of a page, or none when the macro rule refuses anything in it (then the
    renderer's message is the one to read: one mistake, one message)."""
    if templaterules.violations(page.body, table.MACROS):
        return []
    return templaterules.calls(page.body)


def page_citations(page: SourcePage, data: SiteData, calls: list[Call] | None = None) -> list[Citation]:
    """Every citation a page's rendering makes, at the line of the call that makes it."""
    found = []
    for line, name, args, _ in runnable_calls(page) if calls is None else calls:
        where = page.body_offset + line
        if name == CITE:
            found += [Citation(where, key, "") for key in args if isinstance(key, str)]
        elif name in SHOWN_BY:
            call = f"{name}({', '.join(json.dumps(arg) for arg in args)})"
            found += [Citation(where, key, call) for key in SHOWN_BY[name](data, args)]
    return found


def _listed(keys: Sequence[str], added: str = "") -> str:
    """A list as the editor writes it, with `added` at the end; long lists shortened in the middle."""
    shown = [*keys, added] if added else list(keys)
    if len(shown) > 4:
        shown = [shown[0], "...", *shown[-2:]]
    return "[" + ", ".join(shown) + "]"


def check_page_sources(page: SourcePage, data: SiteData) -> list[Problem]:
    """A page's `sources` holds exactly what the page cites (a figure's source may be listed too)."""
    if page.info is None or page.problems:
        return []  # the front matter check says what is wrong with it
    sources = list(page.info.sources)
    at = frontmatter.meta_line(page, "sources")
    calls = runnable_calls(page)
    cited = page_citations(page, data, calls)
    if any(c.key not in data.references for c in cited):
        return []  # the renderer reports the unknown key, with the near one
    problems = []
    reported: set[str] = set()
    for citation in cited:
        if citation.key in sources or citation.key in reported:
            continue
        reported.add(citation.key)
        how = "is cited here" if not citation.via else \
            f"is cited by the entries {{{{ {citation.via} }}}} shows here"
        fix = (f"add it to the list on line {at}: sources: {_listed(sources, citation.key)}" if "sources" in page.meta
               else f"add the line 'sources: [{citation.key}]' to the front matter")
        problems.append(Problem(page.path, citation.line,
                                f"'{citation.key}' {how} but is missing from this page's sources", fix))
    used = {c.key for c in cited} | _figure_sources(calls, data)
    for key in sources:
        if key not in used and key in data.references:
            problems.append(Problem(page.path, at, f"'{key}' is in this page's sources but the page never cites it",
                                    f'cite it with {{{{ cite("{key}") }}}} where it supports a statement, '
                                    f"or remove it: sources: {_listed([k for k in sources if k != key])}"))
    return problems


# The macros that state a figure: a page's reference list names the figure's source even when
# the page does not cite it (macros/render/references.py), so listing it is not an unused key.
FIGURE_MACROS = ("figure", "figure_range")


def _figure_sources(calls: list[Call], data: SiteData) -> set[str]:
    keys = {str(key) for _, name, args, _ in calls if name in FIGURE_MACROS for key in args}
    return {data.figures[key].source for key in keys if key in data.figures}


# The data entries whose `references` list what their Markdown text cites: kind -> (what the
# message calls one, the field whose text cites).
REFERENCING = {"glossary": ("glossary entry", "explanation"), "faq": ("FAQ entry", "answer"),
               "claims": ("claim", "explanation")}


def check_entry_references(data: SiteData) -> list[Problem]:
    """Each glossary, FAQ and claim entry lists in `references` exactly the keys its text cites."""
    groups: dict[str, list[GlossaryTerm | FaqEntry | Claim]] = {
        "glossary": list(data.glossary.values()), "faq": list(data.faq), "claims": list(data.claims)}
    problems = []
    for kind, (label, text_name) in REFERENCING.items():
        for entry in groups[kind]:
            cited = list(dict.fromkeys(_keys([getattr(entry, text_name)])))
            if any(key not in data.references for key in cited):
                continue  # the renderer reports the unknown key, with the near one
            listed = list(entry.references)
            origin = data.origin(kind, entry.key, "references")
            what = f"{label} '{entry.key}'"
            for key in cited:
                if key not in listed:
                    problems.append(Problem(origin.path, origin.line,
                                            f"{what}: its {text_name} cites '{key}' but its references list does "
                                            "not include it", f"write references: {_listed_all([*listed, key])}"))
            for key in listed:
                if key not in cited and key in data.references:
                    problems.append(Problem(origin.path, origin.line,
                                            f"{what}: '{key}' is in its references but its {text_name} never cites it",
                                            f'cite it with {{{{ cite("{key}") }}}} where it supports a statement, '
                                            f"or write references: {_listed_all([k for k in listed if k != key])}"))
    return problems


def _listed_all(keys: Sequence[str]) -> str:
    """A data entry's list in full: short enough to copy as it is."""
    return "[" + ", ".join(keys) + "]"


def check_cell_sources(data: SiteData) -> list[Problem]:
    """A comparison cell's text cites only keys its `sources` list (the cell cites those itself)."""
    problems = []
    for comp in data.comparisons.values():
        origin = data.origin("comparisons", comp.key, "rows")
        for row in comp.rows:
            for column, cell in row.cells.items():
                for key in dict.fromkeys(_keys([cell.text])):
                    if key in data.references and key not in cell.sources:
                        problems.append(Problem(
                            origin.path, origin.line,
                            f"comparison '{comp.key}', row '{row.key}', column '{column}': the text cites '{key}' "
                            "but the cell's sources do not list it",
                            f"write sources: {_listed_all([*cell.sources, key])} for that cell"))
    return problems


# The identifiers that make two references one source, as the model names them.
IDENTIFIERS = {"doi": "DOI", "pmid": "PMID"}


def check_duplicate_references(data: SiteData) -> list[Problem]:
    """No source is entered twice: a DOI or PMID (compared case-insensitively) belongs to one key."""
    problems = []
    for field_name, label in IDENTIFIERS.items():
        first: dict[str, str] = {}
        for ref in data.references.values():
            value = getattr(ref, field_name)
            if not value:
                continue
            same = first.setdefault(str(value).strip().lower(), ref.key)
            if same == ref.key:
                continue
            here = data.origin("references", ref.key, field_name)
            there = data.origin("references", same, "key")
            problems.append(Problem(here.path, here.line,
                                    f"reference '{ref.key}' has the same {label} as '{same}' (line {there.line}): "
                                    f"{value}",
                                    f"it is the same source: cite '{same}' and remove the entry '{ref.key}'"))
    return problems


# FAQ questions are compared as sets of their words, without these (they do not change what is asked).
QUESTION_FILLER = frozenset(
    "a an the is are was it its do does did i me my you your to of for can could be this that and or with in on"
    .split())
# Two questions sharing this share of their words ask the same thing. The closest pair of the 29
# FAQ questions when this was set shared 0.6 ("What is dry needling?" / "What should I do after dry
# needling?"); "Is dry needling safe for me?" shares 1.0 with "Is dry needling safe?", "How does dry
# needling actually work?" 0.8 with "How does dry needling work?" (tests/test_listchecks.py).
SAME_QUESTION = 0.8


def question_words(question: str) -> frozenset[str]:
    """The words that carry a question's meaning: lowercase, "what's" as "what is", plural -s dropped."""
    words = re.findall(r"[a-z0-9]+", question.lower().replace("'s ", " is ").replace("\u2019s ", " is "))
    return frozenset(_singular(word) for word in words if word not in QUESTION_FILLER)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def question_likeness(one: str, other: str) -> float:
    """Shared words over all words (Jaccard) of two questions: 1.0 asks the same, 0.0 shares nothing."""
    a, b = question_words(one), question_words(other)
    return len(a & b) / len(a | b) if a | b else float(one.strip().lower() == other.strip().lower())


def check_duplicate_questions(data: SiteData) -> list[Problem]:
    """A question that asks what an earlier entry asks is reported with the earlier key."""
    problems = []
    for index, entry in enumerate(data.faq):
        for earlier in data.faq[:index]:
            if question_likeness(entry.question, earlier.question) >= SAME_QUESTION:
                here = data.origin("faq", entry.key, "question")
                there = data.origin("faq", earlier.key, "question")
                problems.append(Problem(here.path, here.line,
                                        f"question '{entry.question}' asks the same as '{earlier.key}' (line {there.line}): "
                                        f"'{earlier.question}'",
                                        f"improve the answer of '{earlier.key}' instead, or ask a clearly different "
                                        "question"))
                break
    return problems


def check(pages: Iterable[SourcePage], data: SiteData) -> list[Problem]:
    """Every list against its text, and every reference and FAQ question against the others."""
    problems: list[Problem] = []
    for page in pages:
        problems += check_page_sources(page, data)
    return (problems + check_entry_references(data) + check_cell_sources(data)
            + check_duplicate_references(data) + check_duplicate_questions(data))
