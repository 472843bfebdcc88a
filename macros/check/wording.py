"""Words that promise more than the evidence allows (CONTRIBUTING.md), outside the claims being checked.

A negation just before the word or phrase ("there is no cure", "no treatment is risk-free")
or an allowed phrase (e.g. "botulinum toxin", in docs/.wording-allow.txt) is not a promise.
Where two promises overlap ("permanently cures"), the longer one is reported, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from macros.content.markdown_scan import Line
from macros.errors import Problem

BANNED = {
    r"\bcur(?:e|es|ed)\b": "promises a cure; say what studies found and for how long",
    r"\bguarantee(?:d|s)?\b": "nothing in health care is guaranteed; say 'may' and give the evidence",
    r"\bproven\b": "say what the studies show instead (use 'proven' only where a cited source says so)",
    r"\bmiracle\b": "marketing language; describe the effect and its evidence",
    r"\bdetox(?:ify|ification)?\b": "detox is not a demonstrated effect of dry needling",
    r"\btoxins?\b": "no study shows dry needling removes toxins (see the claims page)",
    r"\b100\s*%\s*safe\b": "no treatment is 100% safe; give the risks as numbers",
    r"\bsafe for everyone\b": "it is not: say who should not have it (see the safety page)",
    r"\bno side[- ]effects\b": "side effects are common; give them as numbers",
    r"\bresets? the muscle\b": "a hypothesis, not a fact: say 'is thought to' and cite",
    r"\bpermanent(?:ly)?\s+(?:fix(?:es|ed)?|cur(?:e|es|ed)|relie(?:f|ves?|ved)|solution|results?)\b":
        "no study shows an effect that lasts for ever; say how long it lasted in the studies",
    r"\bfix(?:es|ed)?\b[^.!?;]{0,40}?\bfor good\b":
        "no study shows an effect that lasts for ever; say how long it lasted in the studies",
    r"\beliminat(?:e|es|ed|ing)\s+(?:(?:the|your|all|any)\s+)?pain\b":
        "studies find pain eases, for some people and for a time; say by how much and for how long",
    r"\b100\s*%\s*(?:effective|successful|success)\b": "no treatment helps everyone; say how many it helped",
    r"\bworks? for (?:everyone|everybody)\b": "it does not; say who it helped in the studies, and how much",
    r"\brisk[- ]free\b": "no treatment is free of risk; give the risks as numbers (see the safety page)",
    r"\bclinically proven\b": "say what the studies show and how sure we can be of it",
}
NEGATIONS = {"no", "not", "never", "cannot", "can't", "isn't", "aren't", "without", "nor", "doesn't", "don't",
             "won't", "unlikely", "neither"}
NEGATION_WINDOW = 3
_WORD = re.compile(r"[A-Za-z']+")


def allow_list(project_dir: Path) -> list[str]:
    path = project_dir / "docs" / ".wording-allow.txt"
    if not path.exists():
        return []
    return [line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _negated(text: str, start: int) -> bool:
    before = _WORD.findall(text[:start].lower())[-NEGATION_WINDOW:]
    return any(word in NEGATIONS for word in before)


def _promises(masked: str) -> list[tuple[re.Match[str], str]]:
    """Each promise in a line with why it is refused, left to right; of overlapping ones the longest."""
    found = sorted(((match, why) for pattern, why in BANNED.items() for match in re.finditer(pattern, masked)),
                   key=lambda pair: (pair[0].start(), -len(pair[0].group(0))))
    kept: list[tuple[re.Match[str], str]] = []
    for match, why in found:
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, why))
    return kept


def check(path: str, lines: Iterable[Line], allowed: list[str]) -> list[Problem]:
    problems = []
    for line in lines:
        lowered = line.text.lower()
        masked = lowered
        for phrase in allowed:
            masked = masked.replace(phrase, " " * len(phrase))
        for match, why in _promises(masked):
            if _negated(masked, match.start()):
                continue
            problems.append(Problem(path, line.number, f"banned promise word '{match.group(0)}': {why}",
                                    "rephrase, or if this is a substance name or a quotation being checked, "
                                    "add the exact phrase to docs/.wording-allow.txt"))
    return problems
