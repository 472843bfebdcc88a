"""`python -m benchmarks`: run the chosen benchmarks, then write results.json, RESULTS.md and the README block."""

from __future__ import annotations

import argparse
import sys
import traceback

from . import build_speed, lighthouse, machine, reading, report, serve_rebuild, targets, transfer
from .progress import say

# In the order they run and appear in RESULTS.md.
MODULES = {"lighthouse": lighthouse, "build": build_speed, "serve": serve_rebuild, "transfer": transfer,
           "reading": reading}


def _int_list(text: str) -> list[int]:
    values = [int(part) for part in text.split(",") if part.strip()]
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("give positive whole numbers separated by commas, e.g. 1,10,50")
    return sorted(set(values))


def _names(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in MODULES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown benchmark(s) {unknown}; choose from {','.join(MODULES)}")
    return names


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", type=_names, default=list(MODULES),
                        help=f"benchmarks to run, comma-separated (default: all: {','.join(MODULES)})")
    parser.add_argument("--sizes", type=_int_list, default=[1, 10, 50],
                        help="build benchmark: site sizes as multiples of today's page count (default 1,10,50)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per measurement: Lighthouse runs per page, builds per size and variant, "
                             "serve edits (default 3; the median is reported)")
    parser.add_argument("--pages", type=int, default=None,
                        help="Lighthouse: only the first N pages (for quick checks; default all)")
    parser.add_argument("--no-readme", dest="readme", action="store_false",
                        help="do not update the figures block in README.md")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    return options


def _options_of(name: str, options: argparse.Namespace) -> dict:
    if name == "reading":  # deterministic: one run, --runs does not apply
        return {"viewport": "390x844", "paper": "A4, Letter"}
    chosen = {"runs": options.runs}
    if name == "build":
        chosen["sizes"] = ",".join(str(s) for s in options.sizes)
    if name == "lighthouse":
        chosen["pages"] = options.pages or "all"
    return chosen


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    results = report.load()
    failed = []
    for name in [n for n in MODULES if n in options.only]:
        module = MODULES[name]
        say(f"== {module.TITLE} ==")
        started = machine.now()
        host = machine.describe()
        try:
            outcome = module.run(options)
        except Exception:  # one broken benchmark must not lose the others' figures
            traceback.print_exc()
            say(f"{name}: FAILED (see the traceback above); its previous figures are kept")
            failed.append(name)
            continue
        host["lighthouse"] = machine.lighthouse_version()  # installed during the Lighthouse run
        section = {"title": module.TITLE, "date": started, "machine": host, "options": _options_of(name, options),
                   **outcome}
        results = report.save(results, name, section)
        say(f"{name}: {targets.verdict_line(section['checks'])}")
    report.write_markdown(results, MODULES)
    say("wrote benchmarks/results.json and benchmarks/RESULTS.md")
    if options.readme:
        say(report.update_readme(results, MODULES))
    if failed:
        say(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
