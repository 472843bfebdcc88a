"""Repository settings kept as files: the Netlify deploy previews and the CODEOWNERS roles."""

import re
import tomllib
from pathlib import Path

from macros.content import urls

ROOT = Path(__file__).resolve().parent.parent


def test_netlify_builds_only_pull_request_previews_with_the_strict_build_and_our_headers():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    build = config["build"]
    # mkdocs.yml sets no site_dir, so the build writes MkDocs' default folder.
    assert "site_dir:" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert build["publish"] == "site"
    assert build["command"].endswith("make build") and "DEPLOY_PRIME_URL" in build["command"]
    # Everything but a deploy preview is skipped: GitHub Pages stays the only public site.
    assert build["ignore"] == 'test "$CONTEXT" != "deploy-preview"'
    assert build["environment"]["PYTHON_VERSION"] == "3.11"
    # The security headers come from the build's own _headers file, which Netlify reads from the publish folder.
    assert urls.HEADERS_FILE == "_headers"
    assert [rule["values"] for rule in config["headers"]] == [{"X-Robots-Tag": "noindex"}]
    # Nothing secret-looking is configured: a fork's preview build must find nothing to take.
    assert not re.search(r"(?i)token|secret|password|key", " ".join(build["environment"]))


def test_codeowners_names_only_the_roles_its_header_explains():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    explained = set(re.findall(r"^#\s+(@[\w-]+/[\w-]+)\s", text, re.MULTILINE))
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    owners = {owner for rule in rules for owner in rule[1:]}
    assert explained == owners == {"@dry-needling-guide/content-editors", "@dry-needling-guide/clinical-reviewers",
                                   "@dry-needling-guide/maintainers"}
    # Clinical files come after the general content lines (the last match wins) and keep a content editor.
    clinical = [rule for rule in rules if "@dry-needling-guide/clinical-reviewers" in rule]
    assert clinical and rules.index(clinical[0]) > rules.index(["/macros/data/", "@dry-needling-guide/content-editors"])
    assert all((ROOT / rule[0].lstrip("/")).exists() for rule in clinical)
