"""`mkdocs serve` rebuild: from saving a page to the rebuilt site, as an editor waits for it.

Serves a copy of the real project (1×) with `--livereload`, appends a sentence
to one page, and reads the server's log for the end of the rebuild. The time
includes MkDocs' file watcher, which polls every 0.5 s, so it is what an
editor sees; the builder's own figure ("Documentation built in") is reported
beside it.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from . import mdtable, projects, targets
from .paths import ROOT, WORK_DIR
from .progress import say

NAME = "serve"
TITLE = "mkdocs serve rebuild"
EDITED_PAGE = "docs/safety.md"
EDITED_URL = "safety/"
# mkdocs serve rebuilds the whole site, so it answers to the 1× build's target.
LIMIT_S = 20.0
BUILT = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")
START_TIMEOUT_S = 300
EDIT_TIMEOUT_S = 180
QUIET_S = 1.5


class ServerLog:
    """The server's output, line by line, each with the moment it arrived."""

    def __init__(self, process: subprocess.Popen, copy_to: Path):
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._copy_to = copy_to
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        with self._copy_to.open("w", encoding="utf-8") as copy:
            for line in process.stdout:  # type: ignore[union-attr]
                with self._lock:
                    self.lines.append((time.monotonic(), line.rstrip("\n")))
                copy.write(line)
                copy.flush()

    def count(self) -> int:
        with self._lock:
            return len(self.lines)

    def wait_for(self, pattern: str, after: int, timeout: float) -> tuple[float, str]:
        """The first line from index `after` on that contains `pattern`: (arrival time, line)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for moment, line in self.lines[after:]:
                    if pattern in line:
                        return moment, line
            time.sleep(0.005)
        raise TimeoutError(f"no '{pattern}' in the server log within {timeout:.0f} s (log: {self._copy_to})")

    def wait_quiet(self, seconds: float) -> None:
        """Until no line has arrived for `seconds` (no rebuild still running)."""
        while True:
            with self._lock:
                last = self.lines[-1][0] if self.lines else 0.0
            if time.monotonic() - last >= seconds:
                return
            time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C, as an editor stops it; then firmer, only if it does not exit."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=15)
        return
    except subprocess.TimeoutExpired:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8", errors="replace")


def _edit(project: Path, log: ServerLog, url: str, number: int) -> dict:
    log.wait_quiet(QUIET_S)
    mark = log.count()
    sentence = f"Benchmark edit {number} was added here to time a rebuild."
    with (project / EDITED_PAGE).open("a", encoding="utf-8") as page:
        page.write(f"\n{sentence}\n")
    saved = time.monotonic()
    detected, _ = log.wait_for("Detected file changes", mark, EDIT_TIMEOUT_S)
    built_at, built_line = log.wait_for("Documentation built in", mark, EDIT_TIMEOUT_S)
    reloaded, _ = log.wait_for("Reloading browsers", mark, EDIT_TIMEOUT_S)
    if sentence not in _fetch(url + EDITED_URL):
        raise RuntimeError(f"the served {EDITED_URL} does not show edit {number} after the rebuild")
    return {"save_to_built_s": round(built_at - saved, 3), "save_to_reload_s": round(reloaded - saved, 3),
            "save_to_detected_s": round(detected - saved, 3),
            "builder_s": float(BUILT.search(built_line)["seconds"])}  # type: ignore[index]


def run(options) -> dict:
    project = projects.copy_project(WORK_DIR / "serve-1x")
    port = projects.free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    say(f"serve: {' '.join(command[1:])} in {project.relative_to(ROOT)}")
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=project, env=projects.build_env(url), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    log = ServerLog(process, WORK_DIR / "logs" / "serve.log")
    try:
        built_at, built_line = log.wait_for("Documentation built in", 0, START_TIMEOUT_S)
        serving_at, _ = log.wait_for("Serving on", 0, START_TIMEOUT_S)
        _fetch(url)
        startup = {"start_to_built_s": round(built_at - started, 3),
                   "start_to_serving_s": round(serving_at - started, 3),
                   "builder_s": float(BUILT.search(built_line)["seconds"])}  # type: ignore[index]
        say(f"serve: serving after {startup['start_to_serving_s']:.2f} s (first build "
            f"{startup['builder_s']:.2f} s)")
        edits = []
        for number in range(1, options.runs + 1):
            edits.append(_edit(project, log, url, number))
            say(f"serve: edit {number}/{options.runs}: rebuilt {edits[-1]['save_to_built_s']:.2f} s after the save "
                f"(builder {edits[-1]['builder_s']:.2f} s)")
    finally:
        _stop(process)
    median = {key: round(statistics.median(e[key] for e in edits), 3) for key in edits[0]}
    figures = {"edited_page": EDITED_PAGE, "startup": startup, "edits": edits, "median": median,
               "exit_code": process.returncode}
    checks = [targets.at_most("save → rebuilt (median)", median["save_to_built_s"], LIMIT_S, "s")]
    return {"figures": figures, "checks": checks}


def to_markdown(section: dict) -> str:
    fig = section["figures"]
    start = fig["startup"]
    rows = [[str(i), e["save_to_detected_s"], e["save_to_built_s"], e["save_to_reload_s"], e["builder_s"]]
            for i, e in enumerate(fig["edits"], start=1)]
    m = fig["median"]
    rows.append(["**median**", m["save_to_detected_s"], m["save_to_built_s"], m["save_to_reload_s"], m["builder_s"]])
    return "\n".join([
        mdtable.checks_table(section["checks"]),
        f"`mkdocs serve --livereload` on a copy of the project (today's pages). Each edit appends a sentence to "
        f"`{fig['edited_page']}` and waits for the log; times are from the moment the file was closed. MkDocs' "
        "watcher polls every 0.5 s and then waits 0.1 s for more changes, so up to 0.6 s of each figure is "
        "detection, not building. The served page is fetched after each rebuild to prove it shows the edit. "
        f"Target: a rebuild is a full build, so the 1× build target (under {LIMIT_S:g} s) applies.\n",
        mdtable.table(["startup", "seconds"],
                      [["process start → first build finished", start["start_to_built_s"]],
                       ["of which the build (\"Documentation built in\")", start["builder_s"]],
                       ["process start → \"Serving on\"", start["start_to_serving_s"]]], "lr"),
        mdtable.table(["edit", "save → change detected (s)", "save → rebuilt (s)", "save → browsers reloaded (s)",
                       "builder's own figure (s)"], rows, "lrrrr"),
        f"The server was stopped with Ctrl-C (SIGINT); exit code {fig['exit_code']}.\n",
    ])


def summary_rows(section: dict) -> list[list]:
    return mdtable.summary_rows(section["checks"])
