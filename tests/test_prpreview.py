"""The pull-request preview summary (macros/check/prpreview.py) and the page text it diffs (pagetext.py).

Two tiny built sites in tmp_path stand for the base and the head build; the summary must name
each changed page with its title and address, show what changed in its text, and never let
text from the pull request become Markdown or HTML on GitHub.
"""

import re
from pathlib import Path

import pytest

from macros.check import prpreview, prscreens
from macros.check.pagetext import page_text

FAQ_MAP = {"files": {"macros/data/faq.yml": {"pages": ["faq"], "pages_under": None, "summary": "[faq/]({preview}faq/)"},
                     "macros/data/comparisons.yml": {"pages": ["compare"], "pages_under": "compare/",
                                                     "summary": "the comparison pages"},
                     "macros/data/redirects.yml": {"pages": [], "pages_under": None,
                                                   "summary": "redirects from old addresses"}}}
KEYS = ["home", "faq", "safety", "compare", "compare/a-vs-b"]


def html(title: str, body: str) -> str:
    return (f"<html><head><title>{title} - Guide</title></head><body><nav>Menu Home FAQ</nav>"
            f"<article class=\"md-content__inner md-typeset\"><a class=\"md-content__button\" href=\"#\">"
            f"<svg><path d=\"M0\"/></svg></a><h1>{title}</h1>{body}</article><footer>Footer</footer></body></html>")


def site(root: Path, pages: dict[str, str]) -> Path:
    """A built site: page key -> article body HTML (the title is the key, capitalised)."""
    for key, body in {"home": "<p>Welcome.</p>", **pages}.items():
        folder = root / ("" if key == "home" else key)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html(key.split("/")[-1].capitalize(), body), encoding="utf-8")
    return root


def summarise(tmp_path, base: dict[str, str], head: dict[str, str], changes: list[tuple[str, str]]):
    return prpreview.summary([prpreview.Change(s, p) for s, p in changes], FAQ_MAP, KEYS,
                             site(tmp_path / "base", base), site(tmp_path / "head", head))


def fenced_blocks(markdown: str) -> list[list[str]]:
    """The lines inside each fenced code block, closed as CommonMark closes them."""
    blocks, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        opening = re.match(r"^(`{3,})", lines[i])
        if not opening:
            i += 1
            continue
        fence, inside, i = opening.group(1), [], i + 1
        while i < len(lines) and not re.fullmatch(rf"`{{{len(fence)},}}\s*", lines[i]):
            inside.append(lines[i])
            i += 1
        blocks.append(inside)
        i += 1
    return blocks


def outside_fences(markdown: str) -> str:
    kept, inside, fence = [], False, ""
    for line in markdown.splitlines():
        opening = re.match(r"^(`{3,})", line)
        if not inside and opening:
            inside, fence = True, opening.group(1)
        elif inside and re.fullmatch(rf"`{{{len(fence)},}}\s*", line):
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def test_a_changed_markdown_page_shows_title_address_and_the_sentence_that_changed(tmp_path):
    text, shots = summarise(
        tmp_path,
        {"safety": "<h2 id=\"risks\">Risks</h2><p>Bruising is common. Fainting is rare.</p>"},
        {"safety": "<h2 id=\"risks\">Risks</h2><p>Bruising is common. Fainting is uncommon.</p>"},
        [("M", "docs/safety.md")])
    assert "### Safety" in text
    assert "`/safety/` · changed · from `docs/safety.md`" in text
    (block,) = fenced_blocks(text)
    assert block == ["@@ ## Risks @@", " Bruising is common.", "-Fainting is rare.", "+Fainting is uncommon."]
    assert shots == ["/safety/"]


def test_a_data_change_is_shown_on_the_pages_the_map_says_it_feeds(tmp_path):
    text, shots = summarise(
        tmp_path,
        {"faq": "<h2>Does it hurt?</h2><p>A little.</p>", "compare": "<p>All.</p>", "compare/a-vs-b": "<p>A.</p>"},
        {"faq": "<h2>Does it hurt?</h2><p>A little, for a day.</p>", "compare": "<p>All.</p>",
         "compare/a-vs-b": "<p>B.</p>"},
        [("M", "macros/data/faq.yml"), ("M", "macros/data/comparisons.yml")])
    assert "`/faq/` · changed · from `macros/data/faq.yml`" in text
    assert "+A little, for a day." in text
    assert "`/compare/a-vs-b/` · changed · from `macros/data/comparisons.yml`" in text
    assert "No visible text change on: `/compare/`" in text
    assert shots == ["/faq/", "/compare/a-vs-b/"]


def test_new_and_removed_pages_and_files_that_are_no_page(tmp_path):
    text, shots = summarise(
        tmp_path, {"faq": "<p>Old page.</p>"}, {"safety": "<p>New page.</p>"},
        [("D", "docs/faq.md"), ("A", "docs/safety.md"), ("M", "macros/data/redirects.yml"),
         ("M", "docs/assets/stylesheets/extra.css"), ("M", "docs/_templates/topic.md"), ("M", "macros/site.py"),
         ("M", "docs/odd name;`x`.md")])
    assert "`/safety/` · new page · from `docs/safety.md`" in text
    assert "+New page." in text
    assert "`/faq/` · removed or no longer built · from `docs/faq.md`" in text
    assert "add a redirect from its old address in `macros/data/redirects.yml`" in text
    assert "- Changed: `macros/data/redirects.yml`: redirects from old addresses" in text
    assert "- Changed: `docs/assets/stylesheets/extra.css`: a site asset" in text
    assert "- Changed: `docs/_templates/topic.md`: a page skeleton (not published)" in text
    assert "- Changed: `macros/site.py`: not a page" in text
    assert "a file with an unusual name (see the Files changed tab)" in text and "odd name" not in text
    assert shots == ["/safety/"]


def test_no_page_change_says_so(tmp_path):
    text, shots = summarise(tmp_path, {}, {}, [("M", "README.md")])
    assert "No page changes" in text and "- Changed: `README.md`: not a page" in text
    assert shots == []


def test_text_from_the_pull_request_cannot_become_markdown_or_html(tmp_path):
    hostile = ("<p>Click ```` here\n```` and <code>&lt;img src=x onerror=alert(1)&gt;</code> "
               "[phish](https://evil.example/) @someone \u202eevil</p>")
    base = {"faq": "<p>Plain.</p>"}
    head = {"faq": hostile}
    text, _ = prpreview.summary([prpreview.Change("M", "macros/data/faq.yml")], FAQ_MAP, KEYS,
                                site(tmp_path / "base", base), site(tmp_path / "head", head))
    blocks = fenced_blocks(text)
    assert len(blocks) == 1 and any("onerror" in line for line in blocks[0])
    # The fence is longer than the four backticks in the text, so the text cannot close it.
    assert "`````diff" in text
    assert all(line.startswith(("@@", " ", "-", "+")) for line in blocks[0])
    assert "\u202e" not in text
    # Outside the block, nothing of the pull request's text appears.
    rest = outside_fences(text)
    assert "onerror" not in rest and "evil" not in rest and "<" not in rest


def test_titles_are_escaped_character_by_character():
    assert prpreview.plain("**Big** <b>x</b> [a](b) `c`\n# d") == (
        r"\*\*Big\*\* \<b\>x\<\/b\> \[a\]\(b\) \`c\` \# d")


def test_the_fence_is_always_longer_than_any_backtick_run():
    assert prpreview.fenced(["a", "b"])[0] == "```diff"
    assert prpreview.fenced(["``````x"])[0] == "```````diff"


def test_long_diffs_are_capped_per_page_and_say_how_much_is_left_out(tmp_path):
    many = "".join(f"<p>Line {n}.</p>" for n in range(200))
    more = "".join(f"<p>Line {n} changed.</p>" for n in range(200))
    text, _ = summarise(tmp_path, {"safety": many}, {"safety": more}, [("M", "docs/safety.md")])
    (block,) = fenced_blocks(text)
    assert len(block) == prpreview.MAX_PAGE_LINES
    # The hunk's heading, one line of context (the title), 200 lines removed and 200 added.
    assert f"… and {402 - prpreview.MAX_PAGE_LINES} more changed lines on this page" in text


def test_without_a_head_build_it_says_what_to_do(tmp_path):
    text, shots = prpreview.summary([prpreview.Change("M", "docs/safety.md")], FAQ_MAP, KEYS,
                                    site(tmp_path / "base", {}), None)
    assert "could not be built from this pull request" in text and "Content check" in text
    assert shots == []


def test_page_text_reads_the_article_as_a_reader_sees_it():
    text = page_text(html("Safety", (
        "<h2 id=\"x\">Side effects<a class=\"headerlink\" href=\"#x\">¶</a></h2>"
        "<p>Bruising is common <sup>[1]</sup>. See <span class=\"dng-term\"><a href=\"#\">fascia</a>"
        "<span class=\"dng-term__tip\" role=\"tooltip\">Connective tissue.</span></span> now.</p>"
        "<script>var hidden = 1;</script><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<img alt=\"A needle\" src=\"n.png\">")))
    assert text.title == "Safety"
    assert text.lines == ["# Safety", "## Side effects", "Bruising is common [1].", "See fascia now.",
                          "- One", "- Two", "A | B", "1 | 2", "[image: A needle]"]


def test_the_changes_file_is_read_as_git_writes_it():
    raw = b"M\0docs/faq.md\0A\0macros/data/faq.yml\0D\0docs/x y.md\0"
    assert prpreview.read_changes(raw) == [prpreview.Change("M", "docs/faq.md"),
                                           prpreview.Change("A", "macros/data/faq.yml"),
                                           prpreview.Change("D", "docs/x y.md")]


def test_the_command_appends_to_the_step_summary_and_lists_the_pages(tmp_path, monkeypatch):
    base = site(tmp_path / "base", {"faq": "<p>Old.</p>"})
    head = site(tmp_path / "head", {"faq": "<p>New.</p>"})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "faq.md").write_text("x", encoding="utf-8")
    (docs / "index.md").write_text("x", encoding="utf-8")
    changes = tmp_path / "changes"
    changes.write_bytes(b"M\0macros/data/faq.yml\0")
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    pages = tmp_path / "pages.txt"
    # No --map: the module's own map (datafiles.page_map(), from which .github/data-pages.json is generated).
    assert prpreview.main(["--base", str(base), "--head", str(head), "--changes", str(changes),
                           "--docs", str(docs), "--pages-out", str(pages)]) == 0
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## Preview")
    assert "-Old." in written and "+New." in written
    assert pages.read_text(encoding="utf-8") == "/faq/\n"


@pytest.mark.parametrize(("address", "stem"), [("/", "home"), ("/faq/", "faq"), ("/compare/a-vs-b/", "compare--a-vs-b")])
def test_screenshot_files_are_named_after_the_page(address, stem):
    assert prscreens.file_stem(address) == stem


def test_only_plain_addresses_are_photographed():
    assert prscreens.read_addresses("/faq/\n/\n../../etc/\nhttps://evil.example/\n/a b/\n") == ["/faq/", "/"]
