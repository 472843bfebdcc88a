"""Loading the project's data with one edit to one data file: how the data tests provoke a message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.content import datafiles
from macros.content.datastore import load
from macros.errors import DataError
from tests.support.pages import ROOT


def problems_after_edit(tmp_path: Path, name: str, old: str, new: str) -> list[str]:
    """Copy the data to `tmp_path`, replace `old` by `new` once in the file `name`, load it; the problems, formatted."""
    data_dir = tmp_path / "data"
    shutil.copytree(datafiles.data_dir(ROOT), data_dir)
    file = data_dir / name
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test out of date: {old!r} is not in {name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(tmp_path, data_dir)
    return [problem.format() for problem in err.value.problems]
