"""The data files: where they live, and which pages each one feeds. Defined here only.

The loader, the pull-request summary and the pull-request check for a change entry
(macros/check/changeentry.py: which files are content) all read this list. The pull-request workflow cannot import Python before the checks (no code
from a pull request may run there), so it reads `.github/data-pages.json`, which is
generated from this module and kept in step by a test:

    python -m macros.content.datafiles --write    # after changing the list below
    python -m macros.content.datafiles --check    # exits 1 if the JSON file has drifted
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

# The page and data folders, relative to the project (forward slashes, as git and messages show them).
DOCS_DIR = "docs"
DATA_DIR = "macros/data"
# The generated map the pull-request workflow reads, relative to the project.
MAP_FILE = ".github/data-pages.json"
# In a summary, stands for the address of the preview site (the workflow substitutes it).
PREVIEW = "{preview}"


@dataclass(frozen=True)
class DataFile:
    kind: str  # the loader's name for it: SiteData.references, ...
    name: str  # the file name inside DATA_DIR
    pages: tuple[str, ...] = ()  # keys of the pages that show its content
    pages_under: str | None = None  # ...and every page whose key starts with this
    summary: str | None = None  # Markdown, one line: what a change to it affects
    # Whether readers see its text: a pull request that changes it needs a change entry (is_content).
    content: bool = True

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}"


DATA_FILES = (
    DataFile("references", "references.yml", ("references",),
             summary=f"[references/]({PREVIEW}references/) and the reference lists of pages that cite it"),
    DataFile("glossary", "glossary.yml", ("glossary",),
             summary=f"[glossary/]({PREVIEW}glossary/) and term tooltips on every page"),
    DataFile("comparisons", "comparisons.yml", ("compare",), pages_under="compare/",
             summary=f"[compare/]({PREVIEW}compare/) and the comparison pages"),
    DataFile("faq", "faq.yml", ("faq",), summary=f"[faq/]({PREVIEW}faq/)"),
    DataFile("claims", "claims.yml", ("claims",), summary=f"[claims/]({PREVIEW}claims/)"),
    DataFile("guidance", "guidance.yml", ("benefits", "conditions"),
             summary=f"the national guidelines quoted on [benefits/]({PREVIEW}benefits/#national-guidelines)"
                     f" and [conditions/]({PREVIEW}conditions/#national-guidelines)"),
    DataFile("scales", "scales.yml", ("about", "benefits", "conditions", "claims", "how-it-works", "home", "safety"),
             summary="the words of every scale: certainty, findings, verdicts and frequency bands"),
    DataFile("evidence", "evidence.yml", ("about", "benefits", "conditions", "how-it-works", "home"),
             summary="the certainty badges of the graded questions (benefits, conditions, how it works, home)"),
    DataFile("figures", "figures.yml", ("home", "safety", "what-to-expect", "faq", "claims", "glossary", "conditions"),
             pages_under="compare/",
             summary="every stated frequency (\"about 8 in every 100 treatments\") on the pages that use it"),
    DataFile("pictures", "pictures.yml", ("what-is-dry-needling", "safety"),
             summary="the needle sizes, needle layers and collapsed-lung map drawn on"
                     f" [what-is-dry-needling/]({PREVIEW}what-is-dry-needling/) and [safety/]({PREVIEW}safety/#pneumothorax)"),
    DataFile("care", "care.yml", ("safety", "what-to-expect", "faq"),
             summary=f"the care cards (when to get help) on [safety/]({PREVIEW}safety/#urgent-help),"
                     f" [what-to-expect/]({PREVIEW}what-to-expect/#urgent-help), the FAQ and the care embeds"),
    # The change log: the What changed page shows it all; every page's feed, last-changed date and
    # correction notice come from the entries that name the page.
    DataFile("changes", "changes.yml", ("changes",),
             summary=f"[changes/]({PREVIEW}changes/), the change feeds and the last-changed date of the pages named",
             content=False),
    DataFile("keypoints", "keypoints.yml", ("home", "what-is-dry-needling", "how-it-works", "benefits", "conditions",
                                            "safety", "who-can-do-it", "what-to-expect", "finding-a-practitioner"),
             summary="the key points box at the top of each patient page, and the questions its one-page"
                     f" handout prints ([handouts/safety/]({PREVIEW}handouts/safety/) and the others)"),
    DataFile("reviewers", "reviewers.yml", summary="the 'Reviewed by' line of pages that name a reviewer"),
    DataFile("redirects", "redirects.yml", summary="redirects from old addresses", content=False),
    # No summary: the pull-request summary calls it a "data or site file", as any other.
    DataFile("published-urls", "published-urls.txt", content=False),
)
BY_KIND = {data.kind: data for data in DATA_FILES}
BY_PATH = {data.path: data for data in DATA_FILES}
# The kinds `datastore.load` reads into SiteData, each with its file name.
LOADED_KINDS = ("references", "glossary", "comparisons", "faq", "claims", "guidance", "scales", "reviewers",
                "evidence", "figures", "pictures", "care", "changes", "keypoints")
FILES = {kind: BY_KIND[kind].name for kind in LOADED_KINDS}


# Page skeletons for editors, never published.
TEMPLATES_DIR = f"{DOCS_DIR}/_templates/"


def is_content(path: str) -> bool:
    """Whether changing the file at `path` (from the project folder, as git names it) changes text
    readers see: a page (`docs/**/*.md`, skeletons aside) or a data file whose text pages show.
    A pull request that changes one must add an entry to the change log."""
    if path.startswith(f"{DOCS_DIR}/"):
        return path.endswith(".md") and not path.startswith(TEMPLATES_DIR)
    data = BY_PATH.get(path)
    if data is not None:
        return data.content
    return path.startswith(f"{DATA_DIR}/") and path.endswith(".yml")  # a data file not registered yet


def file_name(kind: str) -> str:
    """`glossary` -> `glossary.yml`."""
    return BY_KIND[kind].name


def display_path(kind: str) -> str:
    """`glossary` -> `macros/data/glossary.yml`: as messages and git show it."""
    return BY_KIND[kind].path


def data_dir(project_dir: Path) -> Path:
    return project_dir / DATA_DIR


def file_path(project_dir: Path, kind: str) -> Path:
    """The file of `kind` in the project at `project_dir`."""
    return data_dir(project_dir) / BY_KIND[kind].name


def pages_by_path() -> dict[str, list[str]]:
    """Data file path -> keys of the pages that show it (files that feed no page are left out)."""
    return {data.path: list(data.pages) for data in DATA_FILES if data.pages}


def pages_under_by_path() -> dict[str, str]:
    """Data file path -> the page-key prefix whose pages it also feeds."""
    return {data.path: data.pages_under for data in DATA_FILES if data.pages_under}


def pages_fed_by(path: str, page_keys: Collection[str]) -> list[str]:
    """Keys of the existing pages that show the content of the data file at `path`."""
    data = BY_PATH.get(path)
    return feeds(data.pages, data.pages_under, page_keys) if data else []


def feeds(pages: Collection[str], pages_under: str | None, page_keys: Collection[str]) -> list[str]:
    """Keys of the existing pages a data file feeds: its `pages`, then every page whose key starts with
    `pages_under`. Also applied to an entry of `.github/data-pages.json` (the pull-request preview)."""
    keys = [key for key in pages if key in page_keys]
    if pages_under:
        keys += [key for key in page_keys if key.startswith(pages_under) and key not in keys]
    return keys


class MappedFile(TypedDict):
    """One data file in `.github/data-pages.json`."""

    kind: str
    pages: list[str]
    pages_under: str | None
    summary: str | None


class PageMap(TypedDict):
    """What `.github/data-pages.json` holds."""

    generated: str
    preview: str
    files: dict[str, MappedFile]


def page_map() -> PageMap:
    """What `.github/data-pages.json` holds."""
    return {
        "generated": "by `python -m macros.content.datafiles --write` from macros/content/datafiles.py: do not edit",
        "preview": PREVIEW,
        "files": {
            data.path: {"kind": data.kind, "pages": list(data.pages), "pages_under": data.pages_under,
                        "summary": data.summary}
            for data in DATA_FILES
        },
    }


def render_map() -> str:
    return json.dumps(page_map(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.content.datafiles", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help=f"write {MAP_FILE}")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {MAP_FILE} differs from this module")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[2], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    target = args.project / MAP_FILE
    wanted = render_map()
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
        print(f"wrote {MAP_FILE}")
        return 0
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if current == wanted:
        print(f"{MAP_FILE} matches macros/content/datafiles.py")
        return 0
    problem = "is missing" if current is None else "differs from macros/content/datafiles.py"
    print(f"{MAP_FILE} {problem}: run `python -m macros.content.datafiles --write` and commit it", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
