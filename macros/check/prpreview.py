"""The pull-request preview summary: each changed page, its title, its address and what changed on it.

    python -m macros.check.prpreview --base BASE_SITE --head HEAD_SITE --changes CHANGES \\
        [--map data-pages.json] [--docs docs] [--summary FILE] [--pages-out FILE]

CHANGES is `git diff -z --name-status --no-renames BASE...HEAD` (status and path, NUL-separated).
A changed page is a changed Markdown page, or a page a changed data file feeds (from the map,
`.github/data-pages.json`, which the workflow takes from the base branch). For each, the summary
shows the page's title, its address in the preview and a diff of its readable text
(`macros/check/pagetext.py`) between the two builds, capped in length. It is written as Markdown
to FILE (default: `$GITHUB_STEP_SUMMARY`, else standard output); `--pages-out` lists the
addresses of the pages to photograph (`macros/check/prscreens.py`), one a line.

Everything shown comes from the pull request, so nothing of it may become Markdown or HTML on
GitHub's page: titles are escaped character by character, addresses and file names are shown
only if plain, and the text diff sits in a fenced code block whose fence is longer than any
run of backticks in it, with control and bidirectional-override characters replaced.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.check.pagetext import PageText, page_text
from macros.content import datafiles
from macros.content.sourcepages import is_page_source, page_sources
from macros.content.urls import KEY, page_key, page_url

# Caps, so that a large change still gives a summary one can read (and far below GitHub's
# 1 MiB per step summary): diff lines per page, diff lines in all, characters per line,
# pages with a diff, and pages photographed.
MAX_PAGE_LINES = 40
MAX_TOTAL_LINES = 300
MAX_LINE_CHARS = 300
MAX_DIFF_PAGES = 20
MAX_SCREENSHOT_PAGES = 10
# File names come from the pull request: only plain ones are shown.
PLAIN_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")
# Characters that could change how the rest of a line looks: C0/C1 controls (but tab) and the
# bidirectional overrides and isolates ("Trojan Source").
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Every ASCII punctuation character may be backslash-escaped in (GitHub) Markdown.
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HUNK_CONTEXT = 1  # unchanged lines shown around each change


@dataclass(frozen=True)
class Change:
    """One file the pull request changes: git's status letter (A, M, D, ...) and its path."""

    status: str
    path: str


@dataclass
class ChangedPage:
    """A page the pull request changes, and the changed files that change it."""

    key: str
    because: list[str] = field(default_factory=list)


@dataclass
class PageDiff:
    key: str
    because: list[str]
    title: str
    state: str  # "changed", "new", "removed" or "same"
    lines: list[str]  # the diff, already capped
    left_out: int  # diff lines beyond the cap


def read_changes(raw: bytes) -> list[Change]:
    """Parse `git diff -z --name-status --no-renames` output."""
    fields = raw.decode("utf-8", errors="replace").split("\0")
    return [Change(status[:1], path) for status, path in zip(fields[0::2], fields[1::2], strict=False) if path]


def changed_pages(changes: Iterable[Change], page_map: dict[str, Any], page_keys: Sequence[str]) -> list[ChangedPage]:
    """The pages the changes affect, in order: changed Markdown pages, then pages fed by changed data."""
    pages: dict[str, ChangedPage] = {}
    docs = datafiles.DOCS_DIR + "/"
    for change in changes:
        if change.path.startswith(docs) and is_page_source(change.path[len(docs):]):
            # A file name that makes no valid page key is listed as an unusual file, not as a page.
            keys = [key for key in [page_key(change.path[len(docs):])] if KEY.match(key)]
        elif change.path in page_map.get("files", {}):
            mapped = page_map["files"][change.path]
            keys = datafiles.feeds(mapped.get("pages") or [], mapped.get("pages_under"), page_keys)
        else:
            continue
        for key in keys:
            pages.setdefault(key, ChangedPage(key)).because.append(change.path)
    return list(pages.values())


def plain(text: str) -> str:
    """Text from the pull request as literal Markdown: one line, every punctuation character escaped."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(INVISIBLE.sub("\ufffd", text).split()))


def code(path: str) -> str:
    """A file name or address as inline code, if it is plain; else a neutral description."""
    return f"`{path}`" if PLAIN_PATH.match(path) else "a file with an unusual name (see the Files changed tab)"


def fenced(lines: Sequence[str], info: str = "diff") -> list[str]:
    """A fenced code block that no line inside can close: its fence is longer than any backtick run."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, *lines, fence]


def _clean(line: str) -> str:
    line = INVISIBLE.sub("\ufffd", line)
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS - 1] + "…"


def _heading_before(lines: Sequence[str], index: int) -> str:
    for line in reversed(lines[:index + 1]):
        if line.startswith("#"):
            return line
    return ""


def text_diff(base: Sequence[str], head: Sequence[str]) -> list[str]:
    """A unified diff of two pages' readable lines, each hunk headed by the heading it falls under."""
    out: list[str] = []
    for group in difflib.SequenceMatcher(None, base, head, autojunk=False).get_grouped_opcodes(HUNK_CONTEXT):
        heading = _heading_before(head, group[0][3]) or _heading_before(base, group[0][1])
        out.append(f"@@ {_clean(heading)} @@" if heading else "@@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + _clean(line) for line in base[i1:i2]]
                continue
            out += ["-" + _clean(line) for line in base[i1:i2]]
            out += ["+" + _clean(line) for line in head[j1:j2]]
    return out


def _read_page(site: Path | None, key: str) -> PageText | None:
    if site is None:
        return None
    built = site / page_url(key) / "index.html"
    return page_text(built.read_text(encoding="utf-8", errors="replace")) if built.is_file() else None


def diff_page(page: ChangedPage, base_site: Path | None, head_site: Path | None) -> PageDiff:
    """Compare one page's readable text between the two builds."""
    base, head = _read_page(base_site, page.key), _read_page(head_site, page.key)
    title = (head or base or PageText("")).title or page.key
    if head is None:
        return PageDiff(page.key, page.because, title, "removed", [], 0)
    lines = text_diff(base.lines if base else [], head.lines)
    state = "new" if base is None else "changed" if lines else "same"
    return PageDiff(page.key, page.because, title, state, lines[:MAX_PAGE_LINES], max(0, len(lines) - MAX_PAGE_LINES))


def _address(key: str) -> str:
    return code("/" + page_url(key)) if KEY.match(key) else "a page with an unusual name"


def _page_section(diff: PageDiff, room: int) -> tuple[list[str], int]:
    """The Markdown for one page, and how many diff lines it used of the `room` left."""
    because = ", ".join(code(path) for path in diff.because)
    state = {"new": "new page", "changed": "changed", "removed": "removed or no longer built",
             "same": "no visible text change"}[diff.state]
    out = [f"### {plain(diff.title)}", "", f"{_address(diff.key)} · {state} · from {because}", ""]
    shown = diff.lines[:room]
    left_out = diff.left_out + len(diff.lines) - len(shown)
    if diff.state == "removed":
        out += ["If this page was published, add a redirect from its old address in `macros/data/redirects.yml`.", ""]
    if shown:
        out += [*fenced(shown), ""]
    if left_out:
        out += [f"… and {left_out} more changed lines on this page: see its screenshots, or the "
                "**Files changed** tab.", ""]
    return out, len(shown)


def _other_files(changes: Iterable[Change], page_map: dict[str, Any], pages: list[ChangedPage]) -> list[str]:
    """Changed files that feed no page shown above: what each one is."""
    shown = {path for page in pages for path in page.because}
    docs = datafiles.DOCS_DIR + "/"
    out = []
    for change in changes:
        if change.path in shown:
            continue
        mapped = page_map.get("files", {}).get(change.path)
        if mapped:
            what = MARKDOWN_LINK.sub(r"\1", mapped.get("summary") or "").replace(datafiles.PREVIEW, "/")
            what = what or "a data file that no page shows directly"
        elif change.path.startswith(docs + "assets/"):
            what = "a site asset (every page; see the screenshots)"
        elif change.path.startswith(docs + "_templates/"):
            what = "a page skeleton (not published)"
        elif change.path.startswith(docs + "."):
            what = "a word list of the content check (not published)"
        else:
            what = "not a page (code, settings or tests)"
        verb = {"A": "Added", "D": "Deleted"}.get(change.status, "Changed")
        out.append(f"- {verb}: {code(change.path)}: {what}")
    return out


def summary(changes: list[Change], page_map: dict[str, Any], page_keys: Sequence[str],
            base_site: Path | None, head_site: Path | None) -> tuple[str, list[str]]:
    """The Markdown summary, and the addresses of the pages worth a screenshot (new or changed)."""
    pages = changed_pages(changes, page_map, page_keys)
    out = ["## Preview: what this pull request changes on the site", ""]
    if head_site is None:
        out += ["The site could not be built from this pull request, so there is nothing to show yet: fix the "
                "problems the **Content check** lists, and this summary appears on the next run.", ""]
    elif base_site is None:
        out += ["The base branch could not be built for comparison, so each changed page is shown whole.", ""]
    diffs = [diff_page(page, base_site, head_site) for page in pages] if head_site else []
    visible = [d for d in diffs if d.state != "same"]
    same = [d for d in diffs if d.state == "same"]
    if head_site is not None and not pages:
        out += ["No page changes: this pull request changes no page and no data file a page shows.", ""]
    elif visible:
        out += [f"{len(visible)} page{'s' if len(visible) != 1 else ''} changed. Below, for each: its title, its "
                "address, and the text that changed (`-` before, `+` after; `[1]` is a citation). "
                "Screenshots of each page, phone (390 px) and desktop (1280 px), are in the "
                "**screenshots** artifact of this run.", ""]
    room = MAX_TOTAL_LINES
    for count, diff in enumerate(visible):
        if count == MAX_DIFF_PAGES:
            out += [f"… and {len(visible) - count} more changed pages: " + ", ".join(
                _address(d.key) for d in visible[count:]), ""]
            break
        section, used = _page_section(diff, room)
        out += section
        room -= used
    if same:
        out += ["No visible text change on: " + ", ".join(_address(d.key) for d in same)
                + " (a change of layout, links or hidden text shows in the screenshots only).", ""]
    others = _other_files(changes, page_map, pages)
    if others:
        out += ["### Other files changed", "", *others, ""]
    shots = ["/" + page_url(d.key) for d in visible if d.state in {"new", "changed"} and KEY.match(d.key)]
    return "\n".join(out), shots[:MAX_SCREENSHOT_PAGES]


def _site(path: Path) -> Path | None:
    return path if (path / "index.html").is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check.prpreview", description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the base branch's built site")
    parser.add_argument("--head", type=Path, required=True, help="the pull request's built site")
    parser.add_argument("--changes", type=Path, required=True,
                        help="output of `git diff -z --name-status --no-renames BASE...HEAD`")
    parser.add_argument("--map", type=Path, help=f"the base branch's {datafiles.MAP_FILE} (default: this code's)")
    parser.add_argument("--docs", type=Path, default=Path(datafiles.DOCS_DIR), help="the pull request's docs/")
    parser.add_argument("--summary", type=Path, help="append the Markdown here (default: $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--pages-out", type=Path, help="write the addresses to photograph here, one a line")
    args = parser.parse_args(argv)
    # Read as JSON either way: the map the workflow takes from the base branch, or the one this code writes.
    page_map: dict[str, Any] = json.loads(args.map.read_text(encoding="utf-8") if args.map else datafiles.render_map())
    keys = [page_key(src.relative_to(args.docs).as_posix()) for src in page_sources(args.docs)]
    text, shots = summary(read_changes(args.changes.read_bytes()), page_map, keys, _site(args.base), _site(args.head))
    target = args.summary or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if target:
        with target.open("a", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        print(text)
    if args.pages_out:
        args.pages_out.write_text("".join(f"{url}\n" for url in shots), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
