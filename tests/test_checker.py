"""The editors' checker catches every mistake in tests/corpus/ with the exact file, line and message.

Each corpus file describes one mistake: which file to change and how, and the
line the checker must print. The checker runs on a temporary copy of the
project, and must not change any file there.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros import check
from tests.support import corpus

CORPUS = corpus.cases(None)


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def apply(project: Path, case: dict) -> int:
    """Make the mistake; return the line it starts on."""
    path = project / case["file"]
    if "write" in case:
        path.write_text(case["write"], encoding="utf-8")
        return 1
    if "write_latin1" in case:
        path.write_bytes(case["write_latin1"].encode("latin-1"))
        return 1
    text = path.read_text(encoding="utf-8")
    if "append" in case:
        if not text.endswith("\n"):
            text += "\n"
        line = text.count("\n") + 2
        path.write_text(text + "\n" + case["append"], encoding="utf-8")
    else:
        old, new = case["replace"]["old"], case["replace"]["new"]
        assert old in text, f"corpus case out of date: {old!r} is not in {case['file']}"
        line = text[: text.index(old)].count("\n") + 1
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line + case.get("line_shift", 0)


def expand(template: str, case: dict, line: int) -> str:
    values = {"file": case["file"], "line": line}
    values.update({f"line_plus_{n}": line + n for n in range(1, 10)})
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 30




@pytest.mark.parametrize("corpus_file", CORPUS, ids=[p.stem for p in CORPUS])
def test_checker_catches(corpus_file, pristine, tmp_path, capsys):
    case = yaml.safe_load(corpus_file.read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    line = apply(project, case)
    before = snapshot(project)
    code = check.main(["--no-build", "--project", str(project), "--today", "2026-11-23", *case.get("args", [])])
    out = capsys.readouterr().out
    assert code == 1, out
    lines = out.splitlines()
    if "expect" in case:
        expected = expand(case["expect"], case, line)
        assert any(printed == expected or printed.startswith(expected) for printed in lines), \
            f"expected:\n{expected}\ngot:\n{out}"
    else:
        pattern = re.compile(expand(case["expect_re"], case, line))
        assert any(pattern.match(printed) for printed in lines), f"expected /{pattern.pattern}/ in:\n{out}"
    assert snapshot(project) == before, "the checker changed files"


def test_allowed_wording_passes(pristine, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    apply(project, {"file": "docs/changes.md",
                    "append": "There is no cure. It does not remove toxins. Botulinum toxin is a drug.\n"})
    check.main(["--no-build", "--project", str(project), "--today", "2026-11-23"])
    assert "banned promise word" not in capsys.readouterr().out


def test_checker_passes_on_main_with_build(capsys):
    code = check.main(["--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "reading grades" in out
