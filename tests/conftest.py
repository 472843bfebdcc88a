"""Shared fixtures: the site is built once per test session and served for the browser tests.

The build uses a site_url with a base path (/dng/) so that every test also
proves the site works as a GitHub Pages project site.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.params import Unloadable
from tests.support.server import SiteServers

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Free ports, so that two test runs on one machine do not collide. The site is
# built for this address, with a base path, as a GitHub Pages project site would be.
SITE_PORT = _free_port()
HOST_PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/dng/"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """A parameter that could not be computed from the project's data (tests/support/params.py)
    fails its test with the reason, instead of stopping the collection."""
    for value in pyfuncitem.funcargs.values():
        if isinstance(value, Unloadable):
            pytest.fail(value.reason, pytrace=False)


def build_env(**extra: str) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", DNG_SITE_URL=SITE_URL)
    env.update(extra)
    return env


def run_build(project: Path, site_dir: Path, tool: str = "mkdocs", **env: str) -> subprocess.CompletedProcess:
    """`<tool> build --strict` of `project` into `site_dir`, with the output captured."""
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-d", str(site_dir)],
        cwd=project, env=build_env(**env), capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    (out / ".build-log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def build_log(site: Path) -> str:
    return (site / ".build-log").read_text(encoding="utf-8")


# What a copy of the project leaves out: environments, outputs and caches.
COPY_IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules", ".work")


def copy_project(dest: Path) -> Path:
    """A copy of the sources at `dest`, for tests that break something and build or check it."""
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    return dest


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """One untouched copy per test module; each case copies it again (faster than the repository)."""
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture(scope="session")
def servers(site: Path):
    """The site at SITE_URL and an empty host origin on another port, both on loopback."""
    with SiteServers(site, SITE_PORT, HOST_PORT, ROOT / "tests" / "hosts", SITE_URL) as running:
        yield running
