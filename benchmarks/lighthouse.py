"""Lighthouse on every full page: performance, accessibility, best practices, SEO.

Lighthouse 12.8.2 (pinned in benchmarks/package.json; the last line that runs on
Node 20) with its default mobile preset: a mid-range phone on a simulated slow
4G network and a 4× slower CPU. The site is built for a loopback address and
served gzip-compressed (benchmarks/static_server.py). Each page is run
--runs times; the median score of each category is reported, with the
metrics of the median performance run, and the failing audits of any
category under its target.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from . import machine, mdtable, projects, targets
from .paths import BENCH_DIR, ROOT, WORK_DIR
from .progress import say
from .static_server import StaticSite
from .transfer import full_pages

NAME = "lighthouse"
TITLE = "Lighthouse (mobile)"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Headless Chromium that does not reach for Google's services: the machine's network refuses them.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CLI = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
NO_DOWNLOADS = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "CHROMEDRIVER_SKIP_DOWNLOAD": "true"}
NOT_GRADED = ("informative", "notApplicable", "manual")
RUN_TIMEOUT_S = 300


def pinned_version() -> str:
    return json.loads((BENCH_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["lighthouse"]


def ensure_installed() -> None:
    """`npm ci` from the committed lock file (install scripts off, so nothing downloads a browser)."""
    if machine.lighthouse_version() == pinned_version() and CLI.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not on the PATH: install Node.js 20 to run the Lighthouse benchmark")
    verb = "ci" if (BENCH_DIR / "package-lock.json").exists() else "install"
    say(f"lighthouse: npm {verb} (lighthouse {pinned_version()})")
    subprocess.run([npm, verb, "--no-audit", "--no-fund", "--ignore-scripts"], cwd=BENCH_DIR,
                   env=dict(os.environ, **NO_DOWNLOADS), check=True)
    if machine.lighthouse_version() != pinned_version():
        raise RuntimeError(f"npm installed lighthouse {machine.lighthouse_version()}, not {pinned_version()}")


def run_lighthouse(url: str, report: Path, chrome: str) -> dict:
    """One Lighthouse run; returns the report (Lighthouse's JSON "LHR")."""
    command = ["node", str(CLI), url, f"--chrome-flags={CHROME_FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={report}",
               "--quiet", "--no-enable-error-reporting"]
    env = dict(os.environ, CHROME_PATH=chrome, **NO_DOWNLOADS)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not test {url}: {lhr['runtimeError']}")
    return lhr


def failing_audits(lhr: dict, category: str) -> list[dict]:
    """Audits of a category that did not fully pass (graded ones only)."""
    failing = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in NOT_GRADED:
            continue
        if audit["score"] is None or audit["score"] < 1:
            failing.append({"id": ref["id"], "title": audit["title"], "score": audit["score"],
                            "weight": ref.get("weight", 0), "display": audit.get("displayValue", ""),
                            "where": _where(audit)})
    return failing


def _where(audit: dict, limit: int = 3) -> list[str]:
    """The first elements or URLs an audit points at, so the fix can start there."""
    found = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") if isinstance(item, dict) else None
        if node:
            found.append(f"{node.get('selector', '')} {node.get('snippet', '')}".strip())
        elif isinstance(item, dict) and item.get("url"):
            found.append(str(item["url"]))
    return found


def summarise_runs(lhrs: list[dict]) -> dict:
    """Median scores, the median performance run's metrics, and failing audits of categories under target."""
    scores = {c: [round(lhr["categories"][c]["score"] * 100) for lhr in lhrs] for c in CATEGORIES}
    medians = {c: statistics.median(v) for c, v in scores.items()}
    ordered = sorted(range(len(lhrs)), key=lambda i: scores["performance"][i])
    middle = lhrs[ordered[(len(lhrs) - 1) // 2]]
    audits = middle["audits"]
    failing = {}
    for category in CATEGORIES:
        if medians[category] >= TARGETS[category]:
            continue
        seen: dict[str, dict] = {}
        for lhr in lhrs:
            for audit in failing_audits(lhr, category):
                entry = seen.setdefault(audit["id"], {**audit, "runs": 0})
                entry["runs"] += 1
        failing[category] = sorted(seen.values(), key=lambda a: (-a["weight"], a["id"]))
    return {
        "scores": {c: medians[c] for c in CATEGORIES},
        "all_runs": scores,
        "median_run_metrics": {
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 4),
            "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
            "speed_index_ms": round(audits["speed-index"]["numericValue"]),
        },
        "is_crawlable": audits.get("is-crawlable", {}).get("score"),
        "failing_audits": failing,
    }


def test_pages(site_url: str, pages: list[str], reports: Path, runs: int, chrome: str) -> tuple[list[dict], dict]:
    """Every page `runs` times, in turn; returns per-page summaries and how Lighthouse ran."""
    results, indexes, warnings, first = [], [], [], None
    for index, page in enumerate(pages, start=1):
        lhrs = []
        for run_number in range(1, runs + 1):
            slug = page.strip("/").replace("/", "__") or "home"
            lhr = run_lighthouse(site_url + page, reports / f"{slug}-run{run_number}.json", chrome)
            lhrs.append(lhr)
            first = first or lhr
            indexes.append(lhr["environment"].get("benchmarkIndex") or 0)
            warnings += [w for w in lhr.get("runWarnings", []) if w not in warnings]
            say(f"lighthouse: {index}/{len(pages)} /{page} run {run_number}/{runs}: "
                + ", ".join(f"{c} {round(lhr['categories'][c]['score'] * 100)}" for c in CATEGORIES))
        results.append({"url": page, **summarise_runs(lhrs)})
    settings = first["configSettings"] if first else {}
    how = {"lighthouse_version": first["lighthouseVersion"] if first else None,
           "settings": {"form_factor": settings.get("formFactor"),
                        "throttling_method": settings.get("throttlingMethod"),
                        "throttling": settings.get("throttling")},
           "benchmark_index_median": statistics.median(indexes) if indexes else None,
           "axe_core": first["environment"].get("credits", {}).get("axe-core") if first else None,
           "run_warnings": warnings}
    return results, how


def run(options) -> dict:
    chrome = machine.chrome_path()
    if chrome is None:
        raise RuntimeError("no Chromium: set CHROME_PATH (make bench finds one with tests/find-browser.sh)")
    ensure_installed()
    port = projects.free_port()
    site_url = f"http://127.0.0.1:{port}/"
    site = WORK_DIR / "lighthouse-site"
    say(f"lighthouse: mkdocs build --strict for {site_url}")
    projects.mkdocs_build(ROOT, site, WORK_DIR / "logs" / "lighthouse-build.log", site_url)
    pages = full_pages(site, site_url)[: options.pages or None]
    if not pages:
        raise RuntimeError(f"no pages in {site / 'sitemap.xml'}")
    reports = WORK_DIR / "lighthouse"
    if reports.exists():
        shutil.rmtree(reports)
    reports.mkdir(parents=True)
    with StaticSite(site, port):
        results, how = test_pages(site_url, pages, reports, options.runs, chrome)
    checks = [targets.at_least(f"/{r['url']} {category}", r["scores"][category], TARGETS[category])
              for r in results for category in CATEGORIES]
    figures = {"pages_tested": len(results), "runs_per_page": options.runs, "pages": results,
               "robots_txt": (site / "robots.txt").read_text(encoding="utf-8"), "chrome_flags": CHROME_FLAGS,
               "reports_dir": str(reports.relative_to(ROOT)), **how}
    return {"figures": figures, "checks": checks}


def to_markdown(section: dict) -> str:
    fig = section["figures"]
    rows = []
    for page in fig["pages"]:
        s, m = page["scores"], page["median_run_metrics"]
        marks = ["" if s[c] >= TARGETS[c] else " ✗" for c in CATEGORIES]
        rows.append([f"`/{page['url']}`", *(f"{s[c]:g}{mark}" for c, mark in zip(CATEGORIES, marks, strict=True)),
                     f"{m['lcp_ms'] / 1000:.2f} s", f"{m['tbt_ms']} ms", m["cls"]])
    out = [
        _category_summary(section),
        f"{fig['pages_tested']} page(s), {fig['runs_per_page']} run(s) each; median scores (✗ = under target); "
        "LCP, TBT and CLS of the median performance run. Targets: performance ≥ 95, accessibility, "
        "best practices and SEO = 100 on every page.\n",
        mdtable.table(["page", "performance", "accessibility", "best practices", "SEO", "LCP", "TBT", "CLS"],
                      rows, "lrrrrrrr"),
        "How it was run: Lighthouse's default mobile preset (form factor mobile, simulated throttling: "
        "slow 4G, 4× CPU slowdown), `--only-categories=performance,accessibility,best-practices,seo`, "
        f"Chromium flags `{fig['chrome_flags']}`. The site was built with `mkdocs build --strict` for its "
        "loopback address and served by `benchmarks/static_server.py`, which gzip-compresses text files "
        "(HTML, CSS, JavaScript, JSON, SVG) as GitHub Pages does and sends its `Cache-Control: max-age=600`; "
        "it speaks HTTP/1.1 with keep-alive, not HTTP/2. Reports: "
        f"`{fig['reports_dir']}/` (not committed).\n",
        _crawlable(fig),
    ]
    failing = [(page, category, audits) for page in fig["pages"] for category, audits in page["failing_audits"].items()]
    if failing:
        out.append("### Failing audits (categories under target)\n")
        out.append("Graded audits with a score under 1 in any run (informative, not-applicable and manual audits "
                   "left out), heaviest first:\n")
        for page, category, audits in failing:
            out.append(f"**`/{page['url']}` {category}** (median {page['scores'][category]:g}):\n")
            out.append(mdtable.table(
                ["audit id", "title", "score", "weight", "value", "failed in runs", "where (first items)"],
                [[f"`{a['id']}`", a["title"], "error" if a["score"] is None else round(a["score"], 2), a["weight"],
                  a["display"], f"{a['runs']}/{fig['runs_per_page']}",
                  "<br>".join(f"`{w}`" for w in a.get("where", []))] for a in audits], "llrrlrl"))
    return "\n".join(out)


def _crawlable(fig: dict) -> str:
    rules = " / ".join(f"`{line}`" for line in fig["robots_txt"].strip().splitlines() if line.strip())
    blocked = [p["url"] for p in fig["pages"] if p["is_crawlable"] != 1]
    verdict = ("SEO's `is-crawlable` audit passed on every page tested." if not blocked else
               f"SEO's `is-crawlable` audit failed on: {', '.join('/' + u for u in blocked)}.")
    return (f"`robots.txt` as built: {rules}. {verdict} Lighthouse {fig['lighthouse_version']} "
            f"(axe-core {fig['axe_core']}) rated this machine's CPU at benchmark index {fig['benchmark_index_median']} "
            "(median over the runs; Lighthouse warns that a host is too slow for its 4× CPU slowdown below 1000). "
            "Lighthouse's own warnings: " + ("; ".join(fig.get("run_warnings") or []) or "none") + ".\n")


def _category_summary(section: dict) -> str:
    return mdtable.table(["figure", "measured", "target", "result"], summary_rows(section), "lrrl")


def summary_rows(section: dict) -> list[list]:
    """Per category: the lowest page's median score, and how many pages miss."""
    pages = section["figures"]["pages"]
    rows = []
    for category in CATEGORIES:
        lowest = min(pages, key=lambda p: p["scores"][category])
        missed = sum(1 for p in pages if p["scores"][category] < TARGETS[category])
        check = targets.at_least(f"{category}, lowest of {len(pages)} pages (/{lowest['url']})",
                                 lowest["scores"][category], TARGETS[category])
        result = f"{check['status']} ({check['margin']})" + (f"; {missed} page(s) under target" if missed else "")
        rows.append([check["name"], f"{check['value']:g}", check["target"], result])
    return rows
