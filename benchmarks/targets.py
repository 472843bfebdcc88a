"""A figure against its target: PASS or MISS, and by how much.

Every benchmark reports its checks through these, so RESULTS.md and the
README say "PASS" and "MISS" the same way everywhere.
"""

from __future__ import annotations


def number(value: float, unit: str = "", digits: int = 2) -> str:
    """`1,234 B`, `3.21 s`, `1.253×`: whole numbers without decimals, others with `digits`."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{digits}f}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "×" else f"{text} {unit}"


def _check(name: str, value: float, passed: bool, target: str, margin: str, unit: str, digits: int) -> dict:
    return {"name": name, "value": value, "unit": unit, "digits": digits, "target": target,
            "status": "PASS" if passed else "MISS", "margin": margin}


def at_most(name: str, value: float, limit: float, unit: str = "", digits: int = 2) -> dict:
    """A figure that must not exceed `limit` (times, sizes, ratios)."""
    passed = value <= limit
    gap = abs(limit - value)
    share = gap / limit * 100 if limit else 0.0
    margin = (f"{number(gap, unit, digits)} under, {share:.0f}% headroom" if passed
              else f"{number(gap, unit, digits)} over, {share:.0f}% above the target")
    return _check(name, value, passed, f"≤ {number(limit, unit, digits)}", margin, unit, digits)


def at_least(name: str, value: float, floor: float, unit: str = "", digits: int = 2) -> dict:
    """A figure that must reach `floor` (scores)."""
    passed = value >= floor
    gap = abs(value - floor)
    if passed:
        margin = "on target" if gap == 0 else f"{number(gap, unit, digits)} above"
    else:
        margin = f"{number(gap, unit, digits)} short"
    return _check(name, value, passed, f"≥ {number(floor, unit, digits)}", margin, unit, digits)


def verdict_line(checks: list[dict]) -> str:
    missed = [c for c in checks if c["status"] != "PASS"]
    if not checks:
        return "no targets checked"
    if not missed:
        return f"PASS: all {len(checks)} targets met"
    return f"MISS: {len(missed)} of {len(checks)} targets missed"
