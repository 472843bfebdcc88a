"""A figure against its target: PASS or MISS, and by how much.

Every benchmark reports its checks through these, so RESULTS.md and the
README say "PASS" and "MISS" the same way everywhere.
"""

from __future__ import annotations


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {unit}".rstrip()


def at_most(name: str, value: float, limit: float, unit: str = "") -> dict:
    """A figure that must not exceed `limit` (times, sizes, ratios)."""
    passed = value <= limit
    gap = abs(limit - value)
    share = gap / limit * 100 if limit else 0.0
    margin = (f"{_number(gap, unit)} under ({share:.0f}% headroom)" if passed
              else f"{_number(gap, unit)} over ({share:.0f}% above the target)")
    return {"name": name, "value": value, "unit": unit, "target": f"≤ {_number(limit, unit)}",
            "status": "PASS" if passed else "MISS", "margin": margin}


def at_least(name: str, value: float, floor: float, unit: str = "") -> dict:
    """A figure that must reach `floor` (scores)."""
    passed = value >= floor
    gap = abs(value - floor)
    if passed:
        margin = "exactly on target" if gap == 0 else f"{_number(gap, unit)} above"
    else:
        margin = f"{_number(gap, unit)} short"
    return {"name": name, "value": value, "unit": unit, "target": f"≥ {_number(floor, unit)}",
            "status": "PASS" if passed else "MISS", "margin": margin}


def all_pass(checks: list[dict]) -> bool:
    return all(check["status"] == "PASS" for check in checks)


def verdict_line(checks: list[dict]) -> str:
    missed = [c for c in checks if c["status"] != "PASS"]
    if not checks:
        return "no targets checked"
    if not missed:
        return f"PASS: all {len(checks)} targets met"
    return f"MISS: {len(missed)} of {len(checks)} targets missed"
