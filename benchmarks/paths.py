"""Where the benchmarks read the project and write their work files and results."""

from __future__ import annotations

from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / ".work"  # gitignored: copies of the project, built sites, reports, profiles
RESULTS_JSON = BENCH_DIR / "results.json"
RESULTS_MD = BENCH_DIR / "RESULTS.md"
PROJECT_README = ROOT / "README.md"
