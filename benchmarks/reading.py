"""Reading on a phone and on paper: phone screens, screens to urgent help and printed pages per patient page.

Every page in mkdocs.yml's extra.patient_pages is opened in headless Chromium at
390x844 (benchmarks/pagelength.py holds the calculation, which the browser tests
share): its length in phone screens (document height / 844), on the pages with
urgent help how many screens down it starts, and how many pages Chromium prints
it on in A4 and US Letter. Deterministic for a given build and browser: one run.
"""

from __future__ import annotations

from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from macros.content.urls import page_url
from macros.site import SiteConfig

from . import machine, mdtable, projects, targets
from .pagelength import PAPER, PHONE, phone_screens, print_pages, screens_to_urgent_help, urgent_help_target
from .paths import ROOT, WORK_DIR
from .progress import say
from .static_server import StaticSite
from .weight import load_budgets

NAME = "reading"
TITLE = "Reading on phones and paper"
# The targets: urgent help within 2 phone screens on these pages; safety.md prints on at most
# budgets.yml's safety_print_pages pages (A4 and Letter).
URGENT_PAGES = ("safety/", "what-to-expect/")
URGENT_SCREENS = 2
PRINT_PAGE = "safety/"
PRINT_BUDGET_KEY = "safety_print_pages"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def patient_pages() -> list[str]:
    config = SiteConfig.of(load_config(str(ROOT / "mkdocs.yml")))
    return [page_url(key) for key in config.patient_pages]


def measure_page(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    row: dict = {"screens": round(phone_screens(page), 2)}
    urgent = screens_to_urgent_help(page)
    row["screens_to_urgent_help"] = None if urgent is None else round(urgent, 2)
    row["urgent_help_measured_at"] = urgent_help_target(page)
    page.emulate_media(media="print")
    for paper in PAPER:
        row[f"print_{paper}"] = print_pages(page, paper)
    return row


def measure(site_url: str, pages: list[str], chrome: str) -> list[dict]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=FLAGS)
        try:
            context = browser.new_context(viewport=PHONE, color_scheme="light")
            for index, url in enumerate(pages, start=1):
                page = context.new_page()  # a fresh page each time: print emulation must not carry over
                row = {"url": url, **measure_page(page, site_url + url)}
                page.close()
                say(f"reading: {index}/{len(pages)} /{url}: {row['screens']} screens, "
                    + ", ".join(f"{p} {row[f'print_{p}']} pages" for p in PAPER))
                rows.append(row)
        finally:
            browser.close()
    return rows


def _checks(rows: list[dict], budget: int) -> list[dict]:
    by_url = {r["url"]: r for r in rows}
    checks = []
    for url in URGENT_PAGES:
        value = by_url.get(url, {}).get("screens_to_urgent_help")
        if value is None:
            value = float("inf") if url in by_url else None
        if value is not None:
            checks.append(targets.at_most(f"/{url} screens to urgent help", value, URGENT_SCREENS))
    if PRINT_PAGE in by_url:
        for paper in PAPER:
            checks.append(targets.at_most(f"/{PRINT_PAGE} printed, {paper}", by_url[PRINT_PAGE][f"print_{paper}"],
                                          budget, "pages"))
    return checks


def run(options) -> dict:
    chrome = machine.chrome_path()
    if chrome is None:
        raise RuntimeError("no Chromium: set CHROME_PATH (make bench finds one with tests/find-browser.sh)")
    port = projects.free_port()
    site_url = f"http://127.0.0.1:{port}/"
    site = WORK_DIR / "reading-site"
    say(f"reading: mkdocs build --strict for {site_url}")
    projects.mkdocs_build(ROOT, site, WORK_DIR / "logs" / "reading-build.log", site_url)
    pages = patient_pages()
    with StaticSite(site, port):
        rows = measure(site_url, pages, chrome)
    budget = load_budgets()[PRINT_BUDGET_KEY]
    figures = {"viewport": PHONE, "paper": list(PAPER), "print_budget": budget, "pages": rows}
    return {"figures": figures, "checks": _checks(rows, budget)}


def _screens(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def to_markdown(section: dict) -> str:
    fig = section["figures"]
    rows = [[f"`/{r['url']}`", _screens(r["screens"]),
             _screens(r["screens_to_urgent_help"]) + (f" ({r['urgent_help_measured_at']})"
                                                      if r["urgent_help_measured_at"] else ""),
             *(r[f"print_{p}"] for p in fig["paper"])] for r in fig["pages"]]
    width, height = fig["viewport"]["width"], fig["viewport"]["height"]
    return "\n".join([
        mdtable.checks_table(section["checks"]),
        f"Every page in `extra.patient_pages` (mkdocs.yml), opened in headless Chromium at {width}×{height} in the "
        f"light scheme, from a strict build served by `benchmarks/static_server.py`. *Screens*: document height / "
        f"{height}. *To urgent help*: how many screens down the first care card starts (or the `#urgent-help` "
        "section, on a page without care cards). *Printed*: pages of Chromium's print to PDF (print styles, "
        "default margins, no backgrounds). The calculation is `benchmarks/pagelength.py`, which the browser "
        f"tests share; the print budget ({fig['print_budget']} pages) is `budgets.yml`'s `{PRINT_BUDGET_KEY}`.\n",
        mdtable.table(["page", "phone screens", "screens to urgent help",
                       *(f"printed, {p}" for p in fig["paper"])], rows, "lrr" + "r" * len(fig["paper"])),
    ])


def summary_rows(section: dict) -> list[list]:
    pages = section["figures"]["pages"]
    rows = mdtable.summary_rows(section["checks"])
    if pages:
        longest = max(pages, key=lambda r: r["screens"])
        rows.append([f"longest patient page on a phone (/{longest['url']}), of {len(pages)}",
                     f"{longest['screens']:.1f} screens", "–", "(no target)"])
    return rows
