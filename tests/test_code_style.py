"""The Python code passes ruff with the project's configuration (pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

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
