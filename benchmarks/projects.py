"""Copies of the project to build, and timed `mkdocs build --strict` runs of them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from .paths import ROOT, WORK_DIR

# What a build of the site never reads: version control, environments, outputs, tests, these benchmarks.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", "benchmarks", "tests", "node_modules", "__pycache__",
                                     ".pytest_cache", ".ruff_cache", ".mypy_cache", ".cache", ".work")


class BuildFailed(RuntimeError):
    pass


def copy_project(dest: Path) -> Path:
    """A fresh copy of the sources, without .git (see `build_env` for what git then reports)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT, dest, ignore=_NOT_COPIED)
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_env(site_url: str, **extra: str) -> dict:
    """The environment of every mkdocs run.

    GIT_CEILING_DIRECTORIES stops git at benchmarks/.work, so a copy there never finds this
    repository's .git above it (the build reads no git history: dates come from changes.yml).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", DNG_SITE_URL=site_url,
               GIT_CEILING_DIRECTORIES=str(WORK_DIR))
    env.update(extra)
    return env


def mkdocs_build(project: Path, site_dir: Path, log: Path, site_url: str, config: str = "mkdocs.yml",
                 python_args: tuple[str, ...] = (), **extra_env: str) -> float:
    """Run `mkdocs build --strict` (not quiet) in a subprocess; return its wall-clock seconds.

    The output goes to `log`. A failed build raises BuildFailed with the end of the log.
    """
    command = [sys.executable, *python_args, "-m", "mkdocs", "build", "--strict", "-f", config,
               "-d", str(site_dir.resolve())]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        result = subprocess.run(command, cwd=project, env=build_env(site_url, **extra_env), stdout=out,
                                stderr=subprocess.STDOUT, timeout=3600, check=False)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise BuildFailed(f"mkdocs build --strict -f {config} failed in {project} (log: {log}):\n{tail}")
    return seconds


def count_pages(site_dir: Path) -> dict:
    """HTML pages in a built site: full pages and embed copies."""
    pages = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")]
    embeds = [p for p in pages if p.startswith("embed/")]
    return {"full": len(pages) - len(embeds), "embeds": len(embeds), "total": len(pages)}
