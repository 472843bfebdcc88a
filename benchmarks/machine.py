"""The machine and software versions every result is stated against."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .paths import BENCH_DIR


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def chrome_path() -> str | None:
    """The browser `make bench` found (tests/find-browser.sh), else Debian's chromium."""
    path = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    return path if Path(path).exists() else None


def chromium_version() -> str:
    path = chrome_path()
    if not path:
        return "not found (set CHROME_PATH)"
    try:
        # Debian's wrapper script also prints a shell warning on stderr: read stdout only.
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"unknown ({err})"
    return out.stdout.strip() or "unknown"


def lighthouse_version() -> str:
    installed = BENCH_DIR / "node_modules" / "lighthouse" / "package.json"
    if installed.exists():
        return json.loads(installed.read_text(encoding="utf-8"))["version"]
    return "not installed (runs only with --only lighthouse)"


def describe() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (None, None, None)
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "mkdocs_macros_plugin": _version("mkdocs-macros-plugin"),
        "chromium": chromium_version(),
        "lighthouse": lighthouse_version(),
        "load_average_1_5_15": [round(x, 2) for x in load] if load[0] is not None else None,
    }


def now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def summary(machine: dict) -> str:
    """One line for RESULTS.md and the README."""
    load = machine.get("load_average_1_5_15")
    load_text = f"; load average {load[0]} when it started" if load else ""
    return (f"{machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM; "
            f"Python {machine['python']}, MkDocs {machine['mkdocs']}, Material {machine['mkdocs_material']}, "
            f"mkdocs-macros {machine['mkdocs_macros_plugin']}; {machine['chromium']}; "
            f"Lighthouse {machine['lighthouse']}{load_text}")
