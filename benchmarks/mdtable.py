"""Markdown tables for RESULTS.md and the README block."""

from __future__ import annotations

from .targets import number


def _cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list], align: str = "") -> str:
    """A GitHub-flavoured table; `align` is one letter per column (l or r), default left."""
    marks = ["---:" if (align[i:i + 1] == "r") else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def checks_table(checks: list[dict]) -> str:
    rows = [[c["name"], shown(c), c["target"], c["status"], c["margin"]] for c in checks]
    return table(["check", "measured", "target", "result", "by how much"], rows, "lrrll")


def shown(check: dict) -> str:
    return number(check["value"], check["unit"], check.get("digits", 2))


def summary_rows(checks: list[dict]) -> list[list]:
    """README rows: figure, measured, target, result with its margin."""
    return [[c["name"], shown(c), c["target"], f"{c['status']} ({c['margin']})"] for c in checks]
