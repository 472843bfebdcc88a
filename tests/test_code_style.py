"""The Python code passes ruff and mypy (strict, on macros/) with the project's configuration (pyproject.toml)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "--no-cache", "."], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_catch_an_unused_import(tmp_path):
    # Proves the check above can fail.
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "--no-cache", "--isolated", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "F401" in result.stdout


def mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is missing: run `make test`, which installs requirements-dev.txt (mypy is pinned there)",
                    pytrace=False)
    config = str(ROOT / "pyproject.toml")
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", config, *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def test_mypy_strict_finds_nothing():
    # What to check (macros/) and how strictly come from [tool.mypy] in pyproject.toml.
    result = mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_would_catch_an_unannotated_function(tmp_path):
    # Proves the check above can fail, and that the configuration it reads is strict.
    bad = tmp_path / "bad.py"
    bad.write_text("def double(x):\n    return x * 2\n", encoding="utf-8")
    result = mypy(str(bad), cwd=tmp_path)
    assert result.returncode != 0
    assert "[no-untyped-def]" in result.stdout
