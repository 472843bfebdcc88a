"""The change log (macros/data/changes.yml): its checks, and everything made from it.

The What changed page, /api/v1/changes.json, the site's Atom feed and one Atom feed per page are
built from the data file only (never from commit subjects); each page links its feed from its
head; corrections are marked in every feed; a correction to a safety statement shows a dated
notice on the pages it names for 90 days, judged against the build's day (SOURCE_DATE_EPOCH in
the builds below, so the tests do not depend on the day they run); a page's last-changed date is
its newest entry's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from macros.content import changelog, datafiles, urls
from macros.content.datastore import SiteData, load
from macros.content.dates import BUILD_DAY_VARIABLE, build_day
from macros.content.models import CHANGE_KINDS, CORRECTION, ChangeEntry
from macros.publish import changefeeds
from macros.render import changes as render_changes
from tests.conftest import SITE_URL, run_build
from tests.support.dataedits import problems_after_edit
from tests.support.pages import PAGES, ROOT, soup

ATOM = "{http://www.w3.org/2005/Atom}"
CHANGES = "changes.yml"
FIRST_ENTRY = "- date: 2026-11-30\n  pages: [safety, what-to-expect, faq]\n  kind: editorial\n"


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load(ROOT)


@pytest.fixture(scope="module")
def log(data) -> changelog.ChangeLog:
    return changelog.ChangeLog.of(data.changes, list(PAGES.values()))


def entry(date: str, text: str = "A plain sentence about what changed here.", pages=("safety",),
          kind: str = "update", safety: bool = False) -> ChangeEntry:
    return ChangeEntry.model_validate({"date": date, "pages": list(pages), "kind": kind, "text": text,
                                       "safety": safety})


def days_after(date: dt.date, days: int) -> str:
    """SOURCE_DATE_EPOCH for noon UTC, `days` days after `date`."""
    moment = dt.datetime.combine(date + dt.timedelta(days=days), dt.time(12), tzinfo=dt.UTC)
    return str(int(moment.timestamp()))


# --- the data file and its messages -------------------------------------------------------------

def test_the_seed_names_every_page_and_only_real_kinds(data):
    assert len(data.changes) >= 20
    named = {key for change in data.changes for key in change.pages}
    assert named == {key for key in PAGES.values() if changelog.follows(key)}
    assert {change.kind for change in data.changes} == set(CHANGE_KINDS)
    assert any(change.safety for change in data.changes)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  kind: editorial\n", "  kind: editorail\n", "'kind' must be one of: correction, update, editorial"),
    ("- date: 2026-11-30\n", "- date: 30/11/2026\n", "'date' '30/11/2026' is not written YYYY-MM-DD"),
    ("  kind: editorial\n", "  kind: editorial\n  safety: true\n", "'safety' is only for a correction"),
    ("  kind: editorial\n", "  kind: editorial\n  author: me\n", "unknown field 'author'"),
    ("  pages: [safety, what-to-expect, faq]\n", "  pages: []\n", "'pages' needs at least 1 item"),
])
def test_a_wrong_field_is_named_at_its_line_in_plain_words(tmp_path, old, new, expected):
    problems = problems_after_edit(tmp_path, CHANGES, FIRST_ENTRY, FIRST_ENTRY.replace(old, new))
    line = 1 + (ROOT / datafiles.DATA_DIR / CHANGES).read_text(encoding="utf-8").split(FIRST_ENTRY)[0].count("\n")
    assert any(p.startswith(f"data/{CHANGES}:") and expected in p for p in problems), problems
    assert any(re.match(rf"data/{CHANGES}:{line}(\D|$)", p) or re.match(rf"data/{CHANGES}:{line + n}:", p)
               for p in problems for n in range(0, 6)), problems


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script> changed the page text",
    "See [the page](javascript:alert(1)) for what changed",
    "Text with a {{ cite(\"brady-2014\") }} call in it",
    "x" * 10_000,
    "Too short",
])
def test_hostile_or_oversized_text_is_refused(tmp_path, text):
    first_text = ("    When to get urgent help now comes right after the key points, as three cards: call your\n"
                  "    emergency number now, see a doctor the same day, and tell your practitioner.\n")
    problems = problems_after_edit(tmp_path, CHANGES, first_text, f"    {text}\n")
    assert any(p.startswith(f"data/{CHANGES}:") and "'text'" in p for p in problems), problems


def test_the_same_entry_twice_is_one_message(tmp_path):
    problems = problems_after_edit(tmp_path, CHANGES, "# --- 30 November 2026: pages for phones",
                                   "# twice\n" + FIRST_ENTRY + "  text: >-\n    When to get urgent help now comes"
                                   " right after the key points, as three cards: call your\n    emergency number"
                                   " now, see a doctor the same day, and tell your practitioner.\n\n#")
    assert any("the same change is written twice" in p and "delete one" in p for p in problems), problems


def test_unknown_pages_and_future_dates_are_reported(data):
    keys = list(PAGES.values())
    wrong = SiteData(**{**data.__dict__, "changes": [*data.changes, entry("2026-11-30", pages=("safty",)),
                                                     entry("2027-01-05", text="A change dated in the future.")]})
    messages = [p.format() for p in changelog.check(wrong, keys, dt.date(2026, 12, 1))]
    assert any("'safty' is not a page of the site — did you mean 'safety'?" in m for m in messages), messages
    assert any("the date 2027-01-05 is after today (2026-12-01, UTC)" in m and "date: 2026-12-01" in m
               for m in messages), messages
    assert not changelog.check(data, keys, dt.date(2026, 12, 1))  # the seed itself is clean
    # A page no entry names is not refused (that would hide a new page's other mistakes): its feed is
    # empty and it shows no last-changed date; the pull-request check asks for its entry.
    unnamed = SiteData(**{**data.__dict__, "changes": [c for c in data.changes if "about" not in c.pages]})
    assert not changelog.check(unnamed, keys, dt.date(2026, 12, 1))
    assert changelog.ChangeLog.of(unnamed.changes, keys).last_changed("about") is None


def test_the_build_day_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv(BUILD_DAY_VARIABLE, days_after(dt.date(2027, 2, 1), 0))
    assert build_day() == dt.date(2027, 2, 1)
    monkeypatch.delenv(BUILD_DAY_VARIABLE)
    assert build_day() == dt.datetime.now(tz=dt.UTC).date()


# --- order, ids, last changed, notices (no build) ------------------------------------------------

def test_entries_are_newest_first_and_keep_the_file_order_within_a_day():
    first, second, old = entry("2026-11-30", "First of the day, in the file."), \
        entry("2026-11-30", "Second of the day, in the file."), entry("2026-11-23", "An older change to a page.")
    assert changelog.ChangeLog.of([old, first, second], ["safety"]).entries == (first, second, old)


def test_an_entry_id_depends_on_its_date_and_text_only(log):
    one = entry("2026-11-30", "Safety: a sentence that changed.")
    assert one.id == entry("2026-11-30", "Safety: a sentence that changed.", pages=("faq",), kind="correction").id
    assert one.id != entry("2026-12-01", "Safety: a sentence that changed.").id
    assert re.fullmatch(r"2026-11-30-[0-9a-f]{10}", one.id)
    longer = changelog.ChangeLog.of([entry("2026-12-01", "A newer change, added on top."), *log.entries],
                                    list(PAGES.values()))
    assert [e.id for e in longer.entries[1:]] == [e.id for e in log.entries]  # adding one moves no id


def test_last_changed_is_the_newest_entry_naming_the_page(log, data):
    for key in PAGES.values():
        dates = [c.date for c in data.changes if key in c.pages or key == "changes"]
        assert log.last_changed(key) == max(dates).isoformat(), key
    assert log.last_changed("404") is None


def test_a_safety_correction_shows_for_90_days_and_only_on_its_pages(log):
    corrections = [c for c in log.entries if c.kind == CORRECTION and c.safety]
    day = corrections[0].date
    named = corrections[0].pages[0]
    assert corrections[0] in log.notices(named, day)
    assert corrections[0] in log.notices(named, day + dt.timedelta(days=changelog.NOTICE_DAYS - 1))
    assert not log.notices(named, day + dt.timedelta(days=changelog.NOTICE_DAYS))
    assert not log.notices(named, day - dt.timedelta(days=1))
    unnamed = next(k for k in PAGES.values() if not any(k in c.pages for c in corrections))
    assert not log.notices(unnamed, day)
    assert not [c for c in log.notices("safety", day) if not c.safety]  # plain corrections show no notice


def test_the_notice_is_dated_in_words_and_a_note(log):
    one = entry("2026-11-30", "Safety: one statement was corrected on this page.", kind="correction", safety=True)
    build = SimpleNamespace(changes=changelog.ChangeLog.of([one], ["safety"]), today=dt.date(2026, 12, 5),
                            site_url=SITE_URL)
    html = str(render_changes.notice_html(build, "safety"))
    assert html.startswith('<div class="dng-correction" role="note" aria-label="Correction">')
    assert 'Corrected on <time datetime="2026-11-30">30 November 2026</time>' in html
    assert f'href="{SITE_URL}changes/#change-{one.id}"' in html
    build.today = dt.date(2027, 2, 28)  # 90 days later
    assert render_changes.notice_html(build, "safety") is None


def test_markup_in_an_entry_reaches_html_and_feeds_escaped():
    # The model refuses markup; this proves the renderers escape even text that got past it.
    evil = ChangeEntry.model_construct(date=dt.date(2026, 11, 30), pages=["safety"], kind="correction",
                                       text='Safety: <img src=x onerror=alert(1)> "quoted"', safety=True)
    build = SimpleNamespace(changes=changelog.ChangeLog.of([evil], ["safety"]), today=dt.date(2026, 11, 30),
                            site_url=SITE_URL)
    html = str(render_changes.notice_html(build, "safety"))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


# --- the built site (the session build) ----------------------------------------------------------

def commit_subjects() -> list[str]:
    """Subjects of commits that touched pages or data: none may appear in the change log's outputs."""
    result = subprocess.run(["git", "log", "--format=%s", "--", "docs", "macros/data"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return [s for s in result.stdout.splitlines() if s] or ["Tests, requirements, Makefile"]


def test_page_json_and_feed_come_from_the_data_only(site, data):
    page = soup(site, "changes/").select_one("article").get_text(" ", strip=True)
    api = (site / urls.api_url("changes")).read_text(encoding="utf-8")
    feed = (site / urls.CHANGES_FEED).read_text(encoding="utf-8")
    for subject in commit_subjects():
        assert subject not in page and subject not in api and subject not in feed, subject
    for change in data.changes:
        assert " ".join(change.text.split()) in " ".join(page.split()), change.text
        assert CHANGE_KINDS[change.kind][0] in page


def test_the_changes_page_shows_each_kind_as_a_word_and_a_class_and_links_the_pages(site, data):
    items = soup(site, "changes/").select("li.dng-change")
    assert len(items) == len(data.changes)
    for item in items:
        kind = item.select_one(".dng-change__kind")
        word = kind.get_text(strip=True)
        key = next(k for k, (label, _) in CHANGE_KINDS.items() if label == word)
        assert f"dng-change__kind--{key}" in kind["class"]
        assert item["id"].startswith(render_changes.ANCHOR_PREFIX)
        assert item.select(".dng-change__pages a")
    legend = soup(site, "changes/").select_one(f"#{render_changes.KINDS_ANCHOR}")
    assert [dt_.get_text(strip=True) for dt_ in legend.select("dt")] == [label for label, _ in CHANGE_KINDS.values()]


def test_changes_json_keeps_v1_fields_and_adds_the_entry(site, data):
    doc = (site / urls.api_url("changes")).read_text(encoding="utf-8")
    items = json.loads(doc)["changes"]
    assert [i["id"] for i in items] == [c.id for c in changelog.ChangeLog.of(data.changes, list(PAGES.values())).entries]
    for item in items:
        assert item["summary"] == item["text"] and item["commit"] == ""
        assert item["datetime"] == item["date"] + "T00:00:00+00:00"
        assert item["files"] and all(f.startswith("docs/") for f in item["files"])
        assert item["kind"] in CHANGE_KINDS and item["kind_label"] == CHANGE_KINDS[item["kind"]][0]
        assert item["url"] == f"{SITE_URL}changes/#change-{item['id']}"


def parse_feed(site, path: str) -> ET.Element:
    root = ET.fromstring((site / path).read_bytes())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text, (path, name)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + path
    for item in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert item.find(f"{ATOM}{name}").text, (path, name)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", item.find(f"{ATOM}updated").text)
    return root


def feed_entries(root: ET.Element) -> dict[str, ET.Element]:
    return {item.find(f"{ATOM}id").text: item for item in root.findall(f"{ATOM}entry")}


def test_every_page_has_a_valid_feed_linked_from_its_head(site, data, log):
    site_entries = feed_entries(parse_feed(site, urls.CHANGES_FEED))
    assert len(site_entries) == len(data.changes)
    for url, key in PAGES.items():
        path = urls.page_changes_feed(key)
        links = soup(site, url).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert [link["href"] for link in links] == [SITE_URL + path], url
        title = soup(site, url).select_one("h1").get_text(" ", strip=True)
        assert links[0]["title"] == changefeeds.page_feed_title(title), url
        entries = feed_entries(parse_feed(site, path))
        assert len(entries) == len(log.for_page(key)) >= 1, key
        for entry_id, item in entries.items():  # the same entry has the same id in every feed
            assert entry_id in site_entries
            assert item.find(f"{ATOM}title").text == site_entries[entry_id].find(f"{ATOM}title").text
    assert not soup(site, "embed/safety/").select('link[type="application/atom+xml"]')  # embeds skip it


def test_corrections_are_marked_in_every_feed(site, data):
    feeds = [urls.CHANGES_FEED] + [urls.page_changes_feed(key) for key in PAGES.values()]
    corrections = {f"{SITE_URL}changes/#change-{c.id}" for c in data.changes if c.kind == CORRECTION}
    seen = 0
    for path in feeds:
        for entry_id, item in feed_entries(parse_feed(site, path)).items():
            title = item.find(f"{ATOM}title").text
            terms = [c.get("term") for c in item.findall(f"{ATOM}category")]
            if entry_id in corrections:
                assert title.startswith("Correction: ") and terms == [CORRECTION], (path, title)
                seen += 1
            else:
                assert not title.startswith("Correction:") and CORRECTION not in terms
    assert seen > len(corrections)


def test_page_facts_json_and_sitemap_say_the_newest_entry(site, log):
    pages = {p["key"]: p for p in json.loads((site / urls.api_url("pages")).read_text(encoding="utf-8"))["pages"]}
    sitemap = (site / urls.SITEMAP).read_text(encoding="utf-8")
    for url, key in PAGES.items():
        expected = log.last_changed(key)
        times = soup(site, url).select(".dng-facts__review time")
        assert times[-1]["datetime"] == expected, url
        assert pages[key]["last_changed"] == expected
        assert f"<loc>{SITE_URL}{url}</loc>\n         <lastmod>{expected}</lastmod>" in sitemap


# --- the notice in built pages, as of an injected day ----------------------------------------------

@pytest.fixture(scope="module")
def safety_corrections(data) -> list[ChangeEntry]:
    return [c for c in data.changes if c.kind == CORRECTION and c.safety]


@pytest.fixture(scope="module")
def built_as_of(tmp_path_factory, safety_corrections):
    """The site built as of 10 and 90 days after the newest safety correction (two strict builds)."""
    newest = max(c.date for c in safety_corrections)
    built = {}
    for days in (10, changelog.NOTICE_DAYS):
        out = tmp_path_factory.mktemp(f"as-of-{days}")
        result = run_build(ROOT, out, **{BUILD_DAY_VARIABLE: days_after(newest, days)})
        assert result.returncode == 0, result.stdout + result.stderr
        built[days] = out
    return built


@pytest.mark.slow
def test_the_notice_shows_on_named_pages_within_90_days_then_goes(built_as_of, safety_corrections):
    named = {key for c in safety_corrections for key in c.pages}
    for url, key in PAGES.items():
        notice = soup(built_as_of[10], url).select_one("article .dng-correction")
        if key in named:
            assert notice is not None and notice["role"] == "note", url
            assert notice.get_text(" ", strip=True).startswith("Corrected on ")
            texts = " ".join(notice.get_text(" ", strip=True).split())
            for c in safety_corrections:
                if key in c.pages:
                    assert " ".join(c.text.split()) in texts, (url, c.text)
        else:
            assert notice is None, url
        assert soup(built_as_of[changelog.NOTICE_DAYS], url).select_one(".dng-correction") is None, url
    assert soup(built_as_of[10], "embed/safety/").select_one(".dng-correction") is None
