"""Which files editors' folders may publish: Markdown and passive assets, never links or active files.

MkDocs copies every file under docs/ into the site verbatim, so an `.html`,
`.svg` or `.js` file from a content pull request would be served from our
origin with no sanitising at all, and a symbolic link would publish whatever it
points at on the build machine. Active types are accepted only from the
maintainer-owned `docs/assets/` folder (CODEOWNERS); links and paths that
resolve outside their folder are refused everywhere, the data folder included.
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.content import urls
from macros.errors import Problem

ASSETS_FOLDER = "assets/"
PASSIVE_TYPES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".txt"})
ACTIVE_TYPES = frozenset({".css", ".js", ".svg", ".json", ".woff2"})
# Addresses the build writes itself: a file there would replace generated output.
GENERATED_FOLDERS = frozenset({urls.EMBED_ROOT, urls.API_ROOT.split("/")[0], urls.OEMBED_ROOT, urls.SEARCH_ROOT})
GENERATED_FILES = frozenset({urls.LOADER, urls.CHANGES_FEED, urls.SITEMAP, urls.ROBOTS, urls.HEADERS_FILE, "404.html",
                             "assets/javascripts/embed-spec.js"})
SKELETON_FOLDER = "_templates"


def _escapes(path: Path, root: Path) -> bool:
    """A link anywhere on the way, or a real path outside `root`."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return True
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _link_problem(shown: str) -> Problem:
    return Problem(shown, None, "is a symbolic link or points outside its folder",
                   "replace it with a real file inside the folder (links are never published or read)")


def refused(root: Path, rel: str, display_root: str) -> Problem | None:
    """Why the file at `root/rel` may not be published, or None."""
    path = root / rel
    shown = f"{display_root}/{rel}"
    if _escapes(path, root):
        return _link_problem(shown)
    first = rel.split("/", 1)[0]
    if first in GENERATED_FOLDERS or rel in GENERATED_FILES:
        return Problem(shown, None, f"'{first}' is an address the build writes itself",
                       "move the file elsewhere in docs/ (and give it another name)")
    if first.startswith("_") and first != SKELETON_FOLDER:
        return Problem(shown, None, "folders starting with '_' are not published",
                       "put pages directly in docs/ or in a folder whose name does not start with '_'")
    suffix = path.suffix.lower()
    if suffix in PASSIVE_TYPES:
        return None
    if suffix in ACTIVE_TYPES and rel.startswith(ASSETS_FOLDER):
        return None
    if suffix in ACTIVE_TYPES:
        return Problem(shown, None, f"'{suffix}' files may only live in docs/{ASSETS_FOLDER}",
                       "ask a maintainer to add it there, or use a PNG, JPEG or WebP picture")
    return Problem(shown, None, f"'{suffix or path.name}' files are not published from {display_root}/",
                   "write the content as Markdown, or use a PNG, JPEG or WebP picture")


def walk(root: Path) -> list[str]:
    """Every file under `root`, links included, without following links into other folders."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in files + [d for d in dirs if (base / d).is_symlink()]:
            found.append((base / name).relative_to(root).as_posix())
    return sorted(found)


def check_folder(root: Path, display_root: str, links_only: bool = False) -> list[Problem]:
    """Problems with the files under `root`; `links_only` for folders whose files are read, not published."""
    problems: list[Problem] = []
    if not root.exists():
        return problems
    for rel in walk(root):
        if links_only:
            problem = _link_problem(f"{display_root}/{rel}") if _escapes(root / rel, root) else None
        else:
            problem = refused(root, rel, display_root)
        if problem:
            problems.append(problem)
    return problems
