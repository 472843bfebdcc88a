"""Hostile content: every case in tests/corpus/ tagged `hostile`, run against the real build.

A content pull request may only ever produce text on our pages. Each case is a
small patch to pages, front matter, data, snippets, redirects or files, written
as an attacker who has read our security notes would. The build must either
fail with a `path:line` message, or succeed with the payload inert. Whatever
happens it must stop within the hang guard, write nothing outside its site
folder, and never show a canary file's or environment variable's content.
The checker, given the same patch, must answer (not crash) within the guard too.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_env
from tests.support import corpus

HANG_GUARD_SECONDS = 120  # a guard against hangs, not a speed goal
ACTIVE_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


def pytest_generate_tests(metafunc):
    # The corpus is read here, not at import, and named by file (tests/support/corpus.py): a broken
    # case file fails as its own test instead of stopping the collection of every test.
    if "case_file" in metafunc.fixturenames:
        metafunc.parametrize("case_file", corpus.params("hostile"))
    if "failing_case_file" in metafunc.fixturenames:
        metafunc.parametrize("failing_case_file", corpus.params("hostile", lambda case: case["expect"] != "inert"))


def test_the_hostile_corpus_covers_every_class():
    """Classes 1-7 of the security issue, and well over ten cases of our own beyond the named ones."""
    cases = corpus.cases("hostile")
    classes = {yaml.safe_load(p.read_text(encoding="utf-8"))["class"] for p in cases}
    assert classes >= {1, 2, 3, 5, 6}, classes  # 4 (CSP) and 7 (embeds) are tested at their own layer
    assert len(cases) >= 45


def failure_message(case: dict) -> str:
    """The pattern a failed build's log must contain: a case that may fail says which message it expects."""
    assert case.get("message"), "a case that may fail (expect: fail or either) needs `message`: what the log says"
    return case["message"]


def test_expected_message_is_not_in_a_good_build_log(failing_case_file, build_log):
    """Control, for each case whose build may fail: its expected message does not match the log of
    the untouched site's build, so the message check below can fail (a pattern every build log
    matches proves nothing)."""
    case = yaml.safe_load(failing_case_file.read_text(encoding="utf-8"))
    pattern = failure_message(case)
    assert not re.search(pattern, build_log), f"/{pattern}/ is in the log of a good build:\n{build_log[-3000:]}"


@pytest.fixture(scope="module")
def pristine_build(pristine, tmp_path_factory) -> tuple[set[str], dict[str, set[str]]]:
    """An untouched build: its inline scripts (the only ones a hostile build may contain) and,
    per page, what the independent look below reports there (our own search form, redirects)."""
    out = tmp_path_factory.mktemp("hostile-pristine-site")
    result = _build(pristine, out, {})
    assert result.returncode == 0, result.stdout + result.stderr
    scripts = {body for page in out.rglob("*.html") for body in _inline_scripts(page)}
    own = {page.relative_to(out).as_posix(): set(_unsafe_html(page, scripts)) for page in out.rglob("*.html")}
    return scripts, own


def _build(project: Path, out: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=project, env=build_env(**env), capture_output=True, text=True,
                          timeout=HANG_GUARD_SECONDS, check=False)


def _inline_scripts(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
    return [s.get_text() for s in soup.find_all("script")
            if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")]


def _apply(project: Path, change: dict, canary: Path) -> None:
    if "link" in change:
        link = project / change["link"]
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(change["to"].replace("{canary}", str(canary)).replace("{canary_dir}", str(canary.parent)))
        return
    path = project / change["file"]
    if "write" in change:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change["write"], encoding="utf-8")
    elif "write_repeat" in change:
        text, times = change["write_repeat"]["text"], change["write_repeat"]["times"]
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text * times + "\n", encoding="utf-8")
    elif "prepend" in change:
        path.write_text(change["prepend"] + path.read_text(encoding="utf-8"), encoding="utf-8")
    elif "append" in change:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n" + change["append"], encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        old, new = change["replace"]["old"], change["replace"]["new"]
        assert old in text, f"corpus case out of date: {old!r} is not in {change['file']}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _files(root: Path, skip: Path) -> dict[str, float]:
    found = {}
    for folder, dirs, files in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            continue
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = Path(folder) / name
            found[str(path)] = path.lstat().st_mtime_ns
    return found


def _unsafe_html(page: Path, allowed_scripts: set[str]) -> list[str]:
    """An independent look at a built page: anything that could run or take over, outside our own."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
    found = [f"inline script {body[:50]!r}" for body in _inline_scripts(page) if body not in allowed_scripts]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"<{element.name} {name}=>")
            if name in ("href", "src", "action", "formaction") and ACTIVE_SCHEMES.match(re.sub(r"[\t\n\r]", "", value)):
                found.append(f"<{element.name} {name}={value[:40]}>")
        if element.name in ("object", "embed", "frame", "applet", "form"):
            found.append(f"<{element.name}>")
        if element.name == "iframe" and "/embed/" not in element.get("src", ""):
            found.append(f"<iframe src={element.get('src')}>")
        if element.name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if element.name == "base" and element.get("href"):
            found.append("<base href>")
        if element.name == "script" and element.get("src") and "//" in element["src"].split("assets/")[0]:
            if not element["src"].startswith(build_env()["DNG_SITE_URL"]):
                found.append(f"<script src={element['src']}>")
    return found


def _unsafe_api(out: Path) -> list[str]:
    found = []
    for doc in list((out / "api").rglob("*.json")) + list((out / "oembed").rglob("*.json")):
        text = json.dumps(json.loads(doc.read_text(encoding="utf-8")))
        for marker in ("<script", "onerror=", "onload=", "onclick=", "javascript:"):
            if marker in text.lower():
                found.append(f"{doc.name}: {marker}")
    return found


@pytest.mark.slow
def test_hostile_content_fails_or_is_inert(case_file, pristine, pristine_build, tmp_path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    work = tmp_path / "work"
    project = work / "project"
    shutil.copytree(pristine, project, symlinks=True)
    canary = work / "canary.txt"
    file_secret, env_secret = secrets.token_hex(12), secrets.token_hex(12)
    canary.write_text(f"CANARY-FILE-{file_secret}\n", encoding="utf-8")
    for change in case["changes"]:
        _apply(project, change, canary)
    out = work / "site"
    before = _files(work, out)

    result = _build(project, out, {"DNG_CANARY_SECRET": f"CANARY-ENV-{env_secret}"})
    log = result.stdout + result.stderr
    checker = subprocess.run([sys.executable, "-m", "macros.check", "--no-build", "--project", str(project)],
                             cwd=ROOT, env=build_env(DNG_CANARY_SECRET=f"CANARY-ENV-{env_secret}"),
                             capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, check=False)
    checker_log = checker.stdout + checker.stderr

    # Never a secret, in any output.
    built_text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()) \
        if out.exists() else ""
    for secret in (file_secret, env_secret):
        assert secret not in log and secret not in checker_log and secret not in built_text, "a secret leaked"
    # Nothing written outside the site folder (the project, the canary, their parent).
    after = _files(work, out)
    assert after == before, f"files changed outside site/: {sorted(set(after.items()) ^ set(before.items()))[:5]}"
    for forbidden in case.get("forbid_paths", []):
        assert not (out / forbidden).resolve().exists() or (out / forbidden).resolve().is_relative_to(out.resolve())
    # The checker answers; it never crashes.
    assert checker.returncode in (0, 1), checker_log[-3000:]
    assert "Traceback" not in checker_log, checker_log[-3000:]

    expect = case["expect"]
    if result.returncode != 0:
        assert expect in ("fail", "either"), f"the build failed, but the case expects it to pass:\n{log[-3000:]}"
        assert "Traceback" not in log, log[-3000:]
        pattern = failure_message(case)
        assert re.search(pattern, log), f"/{pattern}/ not in the build log:\n{log[-3000:]}"
        if case.get("checker_message"):
            assert checker.returncode == 1 and re.search(case["checker_message"], checker_log), checker_log[-3000:]
        return
    assert expect in ("inert", "either"), f"the build passed; the case expects it to fail:\n{log[-2000:]}"
    scripts, own = pristine_build
    problems = [f"{page.relative_to(out)}: {p}" for page in out.rglob("*.html")
                for p in _unsafe_html(page, scripts) if p not in own.get(page.relative_to(out).as_posix(), set())]
    problems += _unsafe_api(out)
    assert not problems, "\n".join(problems[:20])
