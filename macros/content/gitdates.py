"""When each source file last changed, from git. Honest about shallow clones.

In a shallow clone the only commit's date would be wrong for every file, so we
report "unavailable" rather than a wrong date.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # ISO 8601 with offset
    subject: str
    files: tuple[str, ...]


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=project_dir, capture_output=True, text=True,
                                timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class History:
    """Commits newest first touching the content folders; `complete` is False in a shallow clone."""

    complete: bool
    commits: tuple[Commit, ...]

    def last_changed(self, paths: set[str]) -> str | None:
        """ISO date of the newest commit touching any of `paths`; None when history is missing or shallow."""
        if not self.complete:
            return None
        for commit in self.commits:
            if paths.intersection(commit.files):
                return commit.date[:10]
        return None


def read_history(project_dir: Path, folders: tuple[str, ...]) -> History:
    """The git history of `folders` (read once per build by the Site)."""
    shallow = _git(project_dir, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return History(False, ())
    out = _git(project_dir, "log", "--no-merges", "--format=%x1e%H%x1f%cI%x1f%s", "--name-only", "--", *folders)
    if out is None:
        return History(False, ())
    commits = []
    for record in out.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        sha, date, subject = (head.split("\x1f") + ["", "", ""])[:3]
        files = tuple(n for n in names.splitlines() if n.strip())
        commits.append(Commit(sha.strip(), date.strip(), subject.strip(), files))
    return History(shallow.strip() != "true", tuple(commits))
