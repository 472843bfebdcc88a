"""The Content-Security-Policy is a promise made by the templates, kept on every page and path.

The allowed inline scripts come from rendering the templates (macros/publish/csp.py),
never from the built pages; every page carries the policy in a <meta> tag
before any script; the `_headers` file gives every published path its headers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config

from macros.publish import csp, headers, redirects
from tests.conftest import SITE_URL
from tests.support.pages import ROOT, all_html, html_path

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
BASE = "/dng"
# Cloudflare Pages' limits for a _headers file.
MAX_RULES, MAX_LINE = 100, 2000


@pytest.fixture(scope="module")
def config():
    """mkdocs.yml as the session build loads it (same DNG_SITE_URL, so the same base path)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DNG_SITE_URL", SITE_URL)
        return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def allowed(config) -> frozenset[str]:
    return csp.allowed_inline_scripts(config)


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            assert line not in rules, f"{line} has two rules"
            path = line
            rules[path] = {}
        else:
            name, _, value = line.strip().partition(": ")
            rules[path][name] = value
    return rules


def matches(rule: str, address: str) -> bool:
    """Netlify's and Cloudflare's matching for the two forms we write: exact, or a trailing *."""
    return address.startswith(rule[:-1]) if rule.endswith("*") else address == rule


def addresses(site: Path) -> list[str]:
    """Every address the built site answers: each file, and each folder with an index.html."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_dir() or rel.startswith(".") or rel == "_headers":
            continue
        found.append(f"{BASE}/{rel}")
        if path.name == "index.html":
            found.append(f"{BASE}/{rel[: -len('index.html')]}")
    return found


class _Markup(HTMLParser):
    """Where the CSP <meta> and the first <script> are, and every style attribute or element."""

    def __init__(self):
        super().__init__()
        self.events: list[str] = []
        self.styles: list[str] = []
        self.csp_meta: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "style" in values:
            self.styles.append(f"<{tag} style={values['style']!r}>")
        if tag == "style":
            self.styles.append("<style>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.events.append("csp")
            self.csp_meta = values.get("content")
        elif tag == "script":
            self.events.append("script")


def markup(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- The allowed scripts come from the templates -------------------------------------------------

def test_unexpected_inline_scripts_flags_an_unknown_script_and_passes_the_theme_scripts(allowed):
    # Material's content partial: a tabs script behind the content.tabs.link feature (off here),
    # then a script every page has.
    tabs_script, theme_script = re.findall(
        r"<script>(.*?)</script>", (MATERIAL_TEMPLATES / "partials/javascripts/content.html").read_text(encoding="utf-8"))
    assert theme_script in allowed
    assert tabs_script not in allowed
    page = (f"<html><head><script>{theme_script}</script>"
            '<script type="application/ld+json">{"@type": "WebPage"}</script>'
            '<script src="assets/site.js"></script></head>'
            "<body><script>alert(1)</script><SCRIPT type=text/ecmascript>steal()</SCRIPT></body></html>")
    assert csp.unexpected_inline_scripts(page, allowed) == ["alert(1)", "steal()"]
    assert csp.unexpected_inline_scripts(f"<script>{'x' * 200}</script>", allowed) == ["x" * 80]


def test_allowed_scripts_do_not_depend_on_the_site_dir(tmp_path, allowed):
    # An injected script in whatever site_dir holds must not reach the policy.
    injected = "alert(document.cookie)"
    (tmp_path / "index.html").write_text(f"<html><script>{injected}</script></html>", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DNG_SITE_URL", SITE_URL)
        other = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    assert csp.allowed_inline_scripts(other) == allowed
    assert injected not in allowed


def test_one_theme_script_per_page_depth_and_one_for_the_404_page(allowed):
    # Material's scope script differs by base_url: "." to the deepest page (compare/<key>/, two
    # folders), and the site's path on the 404 page. Embeds, deeper, have their own template
    # (overrides/embed.html), which writes no inline script.
    scopes = sorted(re.match(r'__md_scope=new URL\("([^"]*)"', body).group(1)
                    for body in allowed if body.startswith("__md_scope"))
    assert scopes == sorted([".", "..", "../..", BASE + "/"])


def test_the_policy_allows_exactly_the_scripts_the_site_has(site, allowed):
    """Both ways: no page has a script the templates do not promise, and no promise goes unused."""
    found = set()
    for path in all_html(site):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # redirect pages: one script of their own, under their own policy
            assert csp.inline_scripts(text) == [redirects.KEEP_FRAGMENT], path
            continue
        assert csp.unexpected_inline_scripts(text, allowed) == [], path
        found.update(csp.inline_scripts(text))
    assert found == set(allowed)


def test_an_injected_script_in_a_real_page_is_reported(site, allowed):
    page = html_path(site, "safety/").read_text(encoding="utf-8")
    injected = page.replace("</article>", "<script>alert(1)</script></article>", 1)
    assert csp.unexpected_inline_scripts(injected, allowed) == ["alert(1)"]


# --- Every page carries the policy; no inline styles ---------------------------------------------

def test_every_page_has_the_csp_meta_before_its_first_script(site, allowed):
    expected = csp.policy(csp.script_hashes(allowed))
    assert "frame-ancestors" not in expected  # browsers ignore it in a <meta> tag
    for path in all_html(site):
        found = markup(path)
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            # Redirect pages (macros/publish/redirects.py) run one script, under a stricter policy of their own.
            assert found.events[0] == "csp", f"{path}: no CSP <meta> before the first script"
            assert found.csp_meta == ("default-src 'none'; base-uri 'none'; script-src "
                                      + csp.sha256_source(redirects.KEEP_FRAGMENT)), path
            continue
        assert found.events and found.events[0] == "csp", f"{path}: no CSP <meta> before the first script"
        # Embeds run no inline script: their policy allows none (the site's otherwise).
        embed = path.relative_to(site).parts[0] == "embed"
        assert found.csp_meta == (csp.embed_policy() if embed else expected), path


def test_no_inline_styles_in_any_page(site):
    for path in all_html(site):
        assert markup(path).styles == [], path


def test_no_unsafe_inline_anywhere(site, allowed):
    assert "unsafe-inline" not in (site / "_headers").read_text(encoding="utf-8")
    assert "unsafe-inline" not in csp.policy(csp.script_hashes(allowed))
    assert "unsafe-inline" not in headers.nginx_example(SITE_URL, csp.script_hashes(allowed))


# --- Every published path gets its headers -------------------------------------------------------

def test_headers_file_gives_every_address_exactly_one_policy(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    rules = parse_headers_file(text)
    assert len(rules) <= MAX_RULES and max(len(line) for line in text.splitlines()) <= MAX_LINE
    for address in addresses(site):
        policies = [r for r, h in rules.items() if matches(r, address) and "Content-Security-Policy" in h]
        assert len(policies) == 1, f"{address}: {policies}"
        policy = rules[policies[0]]["Content-Security-Policy"]
        if address.startswith(f"{BASE}/embed/"):
            assert "frame-ancestors *" in policy, address
        elif address.endswith((".html", "/")):
            assert "frame-ancestors 'self'" in policy, address


def test_full_pages_are_covered_in_both_forms(site):
    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    for address in (f"{BASE}/", f"{BASE}/index.html", f"{BASE}/safety/", f"{BASE}/safety/index.html",
                    f"{BASE}/compare/dry-needling-vs-acupuncture/index.html", f"{BASE}/404.html"):
        assert "frame-ancestors 'self'" in rules[address]["Content-Security-Policy"], address


@pytest.mark.parametrize("address", [f"{BASE}/assets/stylesheets/site.css", f"{BASE}/search/search_index.json",
                                     f"{BASE}/api/v1/pages.json", f"{BASE}/oembed/safety.json",
                                     f"{BASE}/embed.js", f"{BASE}/safety/", f"{BASE}/embed/safety/"])
def test_nosniff(site, address):
    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    assert any(matches(r, address) and h.get("X-Content-Type-Options") == "nosniff" for r, h in rules.items())


def test_permissions_policy_opts_out_of_topics(site, allowed):
    for text in ((site / "_headers").read_text(encoding="utf-8"),
                 headers.nginx_example(SITE_URL, csp.script_hashes(allowed))):
        assert "browsing-topics=()" in text and "interest-cohort" not in text


def test_nginx_example_carries_the_real_hashes_and_nosniff(site, allowed):
    hashes = csp.script_hashes(allowed)
    page = html_path(site, "for-clinics/").read_text(encoding="utf-8")
    shown = next(block for block in re.findall(r"<pre.*?</pre>", page, re.S) if "add_header" in block)
    assert "…" not in shown
    assert all(h in shown or h.replace("'", "&#39;") in shown for h in hashes)
    example = headers.nginx_example(SITE_URL, hashes)
    locations = example.split("location ")[1:]
    assert len(locations) == 5 and all('X-Content-Type-Options "nosniff"' in loc for loc in locations)
