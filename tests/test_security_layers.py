"""Each security layer on its own, with inputs the layer before it would have stopped.

The hostile corpus (tests/test_hostile.py) proves the layers together against the
build; here each one is handed the raw attack directly, so that no layer is
trusted only because another one hides it.
"""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError
from pydantic import ValidationError

from macros import sanitise
from macros.content import sourcefiles, textfields, yamlsource
from macros.content.models import PageMeta, Reviewer
from macros.publish import outputscan, redirects
from macros.render import sandbox, templaterules
from macros.render.table import MACROS

NAMES = set(MACROS)


# Layer 1: the syntax-tree rule and the sandbox -----------------------------------------------

@pytest.mark.parametrize("source", [
    "{{ cite('gattie-2017') }}",
    'Text {{ term("trigger-point", text="knots") }} and {{ counts().references }}.',
    "{% raw %}{{ page }}{% endraw %}",
    "{## a note for editors ##}",
    "no template at all",
])
def test_the_rule_accepts_literal_macro_calls(source):
    assert templaterules.violations(source, NAMES) == []


@pytest.mark.parametrize("source, words", [
    ("{{ page.file.generated(x) }}", "'page.file.generated' is not one of the site's macros"),
    ("{{ page.file.abs_src_path }}", "'page.file.abs_src_path' is not allowed"),
    ("{{ range(10**9) }}", "'range' is not one of the site's macros"),
    ("{{ cite('a') | safe }}", "a filter"),
    ('{{ "<scr" ~ "ipt>" }}', "joining text with '~'"),
    ("{{ 'x' * 10**9 }}", "arithmetic"),
    ("{{ cite(x) }}", "is given 'x', not a quoted value"),
    ("{{ cite(*keys) }}", "*args or **kwargs"),
    ("{{ term('a').__class__ }}", "'.__class__'"),
    ("{{ counts().items() }}", "not one of the site's macros"),
    ("{{ cite['a'] }}", "a subscript"),
    ("{% for x in y %}{% endfor %}", "template statements"),
    ("{% include 'x' %}", "template statements"),
    ("{{ cite(“a”) }}", "curly quotes"),
    ("{{ cite('a')\n\n", "a macro call is not closed"),
    ("{{ site_url }}", "'site_url' is a macro: it needs brackets"),
    ("{{ cte('a') }}", "did you mean 'cite'"),
])
def test_the_rule_refuses_everything_else(source, words):
    found = templaterules.violations(source, NAMES)
    assert found and any(words in v.message or words in v.hint for v in found), found


def test_a_call_split_over_lines_is_still_read():
    source = 'Line one.\n{{ page.file.generated(namespace(site_dir="x"),\n  "x").content_string }}\n'
    assert [v.line for v in templaterules.violations(source, NAMES)] == [2]


def test_the_sandbox_calls_only_marked_macros_and_reads_no_attribute():
    """Compiled without the rule (which would refuse it first): the sandbox alone still holds."""
    env = sandbox.MacroSandbox()
    assert env.globals == {} and env.filters == {} and env.tests == {}
    unmarked = env.from_string("{{ f() }}")
    with pytest.raises(SecurityError):
        unmarked.render(f=os.getcwd)
    marked = env.from_string("{{ f() }}").render(f=sandbox.mark_macro(lambda: "ok"))
    assert marked == "ok"
    with pytest.raises(SecurityError):
        env.from_string("{{ f.__globals__ }}").render(f=sandbox.mark_macro(lambda: 1)).upper()
    assert env.from_string("{{ d.references }}").render(d={"references": 7}) == "7"


def test_the_plugin_version_the_sandbox_replaces_is_pinned():
    """macros/render/sandbox.py replaces mkdocs-macros' private `_env`: only on the version it was written for."""
    pinned = next(line for line in (Path(__file__).parent.parent / "requirements.txt").read_text().splitlines()
                  if line.startswith("mkdocs-macros-plugin=="))
    assert pinned.split("==")[1].split()[0] == "1.5.0"
    from mkdocs_macros.plugin import MacrosPlugin
    assert "_env" in MacrosPlugin.env.fget.__code__.co_names  # the attribute install() swaps
    # The installed plugin is that version too: the pin alone does not prove it.
    assert version("mkdocs-macros-plugin") == "1.5.0"


# Layer 3: the output sanitiser ----------------------------------------------------------------

@pytest.mark.parametrize("html, gone", [
    ("<script>alert(1)</script><p>ok</p>", "alert"),
    ('<img src="x.png" alt=""\nonload="alert(1)">', "onload"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript"),
    ('<a href="java\tscript:alert(1)">x</a>', "script:"),
    ('<a href=" javascript:alert(1)">x</a>', "javascript"),
    ('<a href="data:text/html,x">x</a>', "data:"),
    ('<img src="https://example.org/t.png" alt="">', "example.org"),
    ('<img src="//example.org/t.png" alt="">', "example.org"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "refresh"),
    ('<base href="https://example.org/">', "base"),
    ('<div style="position:fixed">x</div>', "style"),
    ("<iframe src=https://example.org></iframe>", "iframe"),
    ("<svg><script>alert(1)</script></svg>", "alert"),
    ("<!-- <script>alert(1)</script> -->", "alert"),
    ('<details open ontoggle="alert(1)"><summary>s</summary></details>', "ontoggle"),
    ("<form action=javascript:alert(1)><button>b</button></form>", "form"),
    ('<p title="x" onmouseover="alert(1)">p</p>', "onmouseover"),
])
def test_the_sanitiser_removes_active_content(html, gone):
    assert gone not in sanitise.clean(html)


def test_the_sanitiser_keeps_text_and_formatting():
    html = ('<h2 id="a">T<a class="headerlink" href="#a" title="Link">¶</a></h2><p>A <strong>b</strong> '
            '<a href="https://example.org/x?a=1&amp;b=2">c</a> <a href="../safety/#x">d</a> '
            '<a href="mailto:a@example.org">e</a></p><table><tr><td data-label="L" align="left">1 &lt; 2</td></tr>'
            '</table><details class="note" open><summary>s</summary></details>')
    assert sanitise.clean(html) == html.replace(" open>", ' open="">')  # the same attribute, written out


def test_content_cannot_take_the_theme_s_names():
    """No DOM clobbering (`id="__config"` would shadow the theme's settings) and no theme classes."""
    cleaned = sanitise.clean('<p id="__config" class="md-overlay note">x</p><p id="md-x">y</p>')
    assert "__config" not in cleaned and "md-overlay" not in cleaned and "md-x" not in cleaned
    assert 'class="note"' in cleaned


def test_an_unclosed_dropped_element_does_not_swallow_the_page():
    assert "after" in sanitise.clean('<embed src="x"><p>after</p>')


def test_trusted_output_needs_the_build_secret():
    trusted = sanitise.TrustedMarkup()
    placeholder = trusted.add('<iframe src="embed/x/"></iframe>')
    assert "<iframe" in sanitise.clean(f"<figure>{placeholder}</figure>", trusted)
    assert "<iframe" not in sanitise.clean(f"<figure>{placeholder}</figure>")  # control: no store, nothing back
    forged = '<span class="dng-trusted-0000-0"></span>'
    assert "iframe" not in sanitise.clean(forged, trusted)
    other_build = sanitise.TrustedMarkup()  # another build's secret does not open this one's placeholders
    assert "iframe" not in sanitise.clean(placeholder, other_build)


# Layer 3b: the post-build scan ----------------------------------------------------------------

def test_the_scan_reports_what_the_templates_did_not_write():
    allowed = {"var theirs = 1"}
    page = ('<html><head><meta http-equiv="Content-Security-Policy" content="x"><base target="_top">'
            '<script>var theirs = 1</script><script type="application/ld+json">{"a": 1}</script>'
            '<script src="assets/x.js"></script></head><body><p>ok</p></body></html>')
    assert outputscan.scan(page, allowed) == []
    for bad in ("<script>alert(1)</script>", '<p onclick="x">', '<meta http-equiv="refresh" content="0">',
                '<base href="https://example.org/">', "<object data=x></object>", '<a href="javascript:x">',
                '<iframe src="https://example.org/"></iframe>', '<p style="color:red">',
                '<script src="https://example.org/x.js"></script>'):
        assert outputscan.scan(page.replace("<p>ok</p>", bad), allowed), bad


# Layer 4: plain-text fields -------------------------------------------------------------------

@pytest.mark.parametrize("value", ["<script>", "a > b", "{{ x }}", "{% x %}", "[a](b)", "[a][b]", "&#106;",
                                   "&lt;", "javascript:x", "x" * 401])
def test_plain_text_refuses_markup(value):
    with pytest.raises(ValidationError):
        Reviewer(key="x", name=value, credentials="PT")


def test_plain_text_accepts_ordinary_words():
    assert Reviewer(key="x", name="Dr A. O'Brien-Smith (PT), DPT", credentials="PT & OT").name


def test_front_matter_refuses_build_keys_and_markup():
    base = {"title": "A title", "description": "d" * 60, "last_reviewed": "2026-01-01", "next_review": "2027-01-01"}
    PageMeta.model_validate(base)
    for extra in ({"template": "embed.html"}, {"dng_embed": True}, {"patient_page": True},
                  {"title": "<b>x</b> title"}, {"search": {"boost": 5}}):
        with pytest.raises(ValidationError):
            PageMeta.model_validate({**base, **extra})


def test_markdown_heading_text_cannot_become_a_link():
    assert textfields.markdown_heading_text("[x](javascript:y) <b>") == r"\[x\]\(javascript:y\) &lt;b&gt;"


# Layer 6: files -------------------------------------------------------------------------------

def test_only_markdown_and_pictures_outside_assets(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    for name in ("page.md", "photo.png", "assets/site.js", "assets/logo.svg"):
        (docs / name).write_text("x")
    assert sourcefiles.check_folder(docs, "docs") == []
    for name in ("x.html", "y.svg", "z.js", "embed/a.md", "_x/b.md", "w.php"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    refused = {p.path for p in sourcefiles.check_folder(docs, "docs")}
    assert refused == {"docs/x.html", "docs/y.svg", "docs/z.js", "docs/embed/a.md", "docs/_x/b.md", "docs/w.php"}


def test_links_are_refused_in_every_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for folder, links_only in (("docs", False), ("data", True)):
        root = tmp_path / folder
        root.mkdir()
        (root / "leak.md").symlink_to(secret)
        (root / "dir").symlink_to(tmp_path)
        problems = sourcefiles.check_folder(root, folder, links_only=links_only)
        assert {p.path for p in problems} == {f"{folder}/leak.md", f"{folder}/dir"}


# Layer 7: data --------------------------------------------------------------------------------

def test_yaml_aliases_are_refused_before_they_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(yamlsource.YamlProblem) as err:
        yamlsource.parse(bomb, "f.yml")
    assert err.value.problem.line == 1 and "anchors and aliases" in err.value.problem.message


def test_a_byte_order_mark_is_named():
    with pytest.raises(yamlsource.YamlProblem) as err:
        yamlsource.parse("\ufeffa: 1\n", "f.yml")
    assert "byte-order mark" in err.value.problem.message


def test_data_text_fields_are_bounded():
    from macros.content.models import FaqEntry
    with pytest.raises(ValidationError):
        FaqEntry(key="a", question="Q?", answer="[" * 101)
    with pytest.raises(ValidationError):
        FaqEntry(key="a", question="Q?", answer="x" * 4001)


# Layer 8: paths -------------------------------------------------------------------------------

@pytest.mark.parametrize("entry, words", [
    ('- {from: "../../../x/", to: safety/}', "is not a plain site address"),
    ('- {from: "embed/safety/", to: safety/}', "is a current address"),
    ('- {from: "old/", to: "javascript:alert(1)"}', "redirect target"),
    ('- {from: "a//b/", to: safety/}', "is not a plain site address"),
])
def test_redirects_stay_inside_the_site_and_off_current_addresses(tmp_path, entry, words):
    path = tmp_path / "redirects.yml"
    path.write_text(entry + "\n", encoding="utf-8")
    moved, problems = redirects.load_redirects(path, "redirects.yml", current={"embed/safety/", "safety/"})
    assert moved == [] and words in problems[0].message
