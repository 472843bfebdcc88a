"""A pull request that changes text readers see must add an entry to the change log.

    python -m macros.check.changeentry --base origin/main

Compares the branch with the point where it left BASE (`git diff BASE...HEAD`, as the pull
request page does). Which files are text readers see is `datafiles.is_content`: the pages and the
data files whose text pages show. A change to none of them (code, tests, workflows, redirects)
needs no entry. A change to one needs a change to `macros/data/changes.yml` in the same pull
request. Commit messages are never read: a browser edit or a squash merge loses their trailers.

The escape, for a change to such a file that changes nothing a reader sees (a comment, a note for
editors): a maintainer adds the pull request label named by WAIVER_LABEL, which the workflow
passes as `--waived`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from macros.check.prpreview import INVISIBLE, fenced
from macros.content import datafiles, dates, urls

CHANGES_FILE = datafiles.display_path("changes")
WAIVER_LABEL = "no-change-entry"
GUIDE = 'CONTRIBUTING.md, "A change-log entry"'


class GitError(Exception):
    pass


def changed_files(project: Path, base: str, head: str = "HEAD") -> list[str]:
    """The files the branch changed since it left `base` (added, changed, deleted or renamed: both names)."""
    try:
        result = subprocess.run(["git", "diff", "--name-only", "-z", "--no-renames", f"{base}...{head}"],
                                cwd=project, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GitError(str(err)) from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git diff exited with {result.returncode}")
    return [name for name in result.stdout.split("\0") if name]


def _page_keys(files: list[str]) -> list[str]:
    """The keys of the pages the files change, for the entry the message suggests."""
    keys: list[str] = []
    for name in files:
        if name.startswith(f"{datafiles.DOCS_DIR}/"):
            found = [urls.page_key(name[len(datafiles.DOCS_DIR) + 1:])]
        else:
            data = datafiles.BY_PATH.get(name)
            found = list(data.pages) if data else []
        keys += [key for key in found if key not in keys]
    return keys


def verdict(files: list[str], waived: bool) -> tuple[bool, str]:
    """(passes, what to tell the editor) for a pull request that changes `files`."""
    content = [name for name in files if datafiles.is_content(name)]
    if not content:
        return True, "No page or data text changed, so no change entry is needed."
    if CHANGES_FILE in files:
        return True, f"Text readers see changed, and {CHANGES_FILE} has the change entry for it."
    if waived:
        return True, (f"Text files changed without a change entry; the label '{WAIVER_LABEL}' says that "
                      "nothing a reader sees changed.")
    keys = _page_keys(content)
    shown = ", ".join(content[:6]) + (f" and {len(content) - 6} more" if len(content) > 6 else "")
    example = "\n".join([
        f"- date: {dates.build_day().isoformat()}",
        f"  pages: [{', '.join(keys) if keys else 'the-page-key'}]",
        "  kind: update",
        "  text: >-",
        "    What changed, in one or two plain sentences for a reader.",
    ])
    return False, (
        f"This pull request changes text readers see ({shown}) but adds no entry to {CHANGES_FILE}.\n"
        f"Add one at the top of that file, in this pull request, and commit it to the same branch:\n\n"
        f"{example}\n\n"
        "kind: correction if something was wrong or could mislead (add 'safety: true' if it was a safety\n"
        "statement), update for new information, editorial for clearer words or layout only.\n"
        f"How to write it: {GUIDE}.\n"
        "If nothing a reader sees changed (a comment, a note for editors), ask a maintainer to add the\n"
        f"label '{WAIVER_LABEL}', then to close and reopen the pull request (labels are read when the check starts)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check.changeentry", description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the branch the pull request goes into, e.g. origin/main")
    parser.add_argument("--head", default="HEAD", help="the pull request's commit (default HEAD)")
    parser.add_argument("--waived", action="store_true",
                        help=f"the pull request has the label '{WAIVER_LABEL}': no entry needed")
    parser.add_argument("--summary", type=Path, help="also append the verdict to this Markdown file (the job summary)")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        files = changed_files(args.project, args.base, args.head)
    except GitError as err:
        print(f"cannot compare this branch with {args.base}: {err} — check out the repository with its "
              "history (actions/checkout with fetch-depth: 0)", file=sys.stderr)
        return 2
    passes, message = verdict(files, args.waived)
    print(message, file=sys.stdout if passes else sys.stderr)
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            title = "## Change entry" + ("" if passes else ": missing")
            # File names come from the pull request: inside a fence no line can close, never as Markdown.
            lines = [INVISIBLE.sub("\ufffd", line) for line in message.splitlines()]
            summary.write("\n".join([title, "", *fenced(lines, "text"), "", ""]))
    return 0 if passes else 1


if __name__ == "__main__":
    sys.exit(main())
