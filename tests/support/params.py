"""Test parameters computed from project data at collection time, without stopping the run when the data is broken.

A parametrize list computed at import (`CASES = load(...)` at module level) turns a broken data
file into a collection error: pytest names no test, and with `-x` or in a single file runs none.
`parametrize` computes the list inside `pytest_generate_tests` instead; if that raises, the test
gets the single parameter `unloadable`, which fails with the error when it runs
(`pytest_pyfunc_call` in tests/conftest.py), and every other test still runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class Unloadable:
    """Stands for parameters that could not be computed; the test given one fails with `reason`."""

    def __init__(self, what: str, error: BaseException):
        self.reason = f"could not compute the parameters ({what}): {type(error).__name__}: {error}"

    def __repr__(self) -> str:
        return "Unloadable"


def parametrize(metafunc, argnames: str, what: str, load: Callable[[], Iterable], ids=None) -> None:
    """`metafunc.parametrize(argnames, load(), ids=ids)`, or one failing `unloadable` test if load() raises."""
    try:
        values = list(load())
    except Exception as error:  # any error in the data: report it as the test's failure
        names = [name.strip() for name in argnames.split(",")]
        bad = Unloadable(what, error)
        metafunc.parametrize(argnames, [bad if len(names) == 1 else (bad,) * len(names)], ids=["unloadable"])
        return
    metafunc.parametrize(argnames, values, ids=ids)
