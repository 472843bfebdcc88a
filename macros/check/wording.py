"""Words that promise more than the evidence allows (CONTRIBUTING.md), outside the claims being checked.

A negation just before the word ("there is no cure") or an allowed phrase
(e.g. "botulinum toxin", in docs/.wording-allow.txt) is not a promise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from macros.check.markdown_scan import Line
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


def check(path: str, lines: Iterable[Line], allowed: list[str]) -> list[Problem]:
    problems = []
    for line in lines:
        lowered = line.text.lower()
        masked = lowered
        for phrase in allowed:
            masked = masked.replace(phrase, " " * len(phrase))
        for pattern, why in BANNED.items():
            for match in re.finditer(pattern, masked):
                phrase = match.group(0)
                single_word = " " not in phrase and not phrase.startswith("100")
                if single_word and _negated(masked, match.start()):
                    continue
                problems.append(Problem(path, line.number, f"banned promise word '{phrase}': {why}",
                                        "rephrase, or if this is a substance name or a quotation being checked, "
                                        "add the exact phrase to docs/.wording-allow.txt"))
    return problems
