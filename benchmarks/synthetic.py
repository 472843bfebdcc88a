"""Synthetic sites of N times today's page count, with macros as dense as the real pages.

The real pages are measured (words, h2 sections, macro calls of each kind per
1,000 words, keys per citation) and synthetic topic pages are generated to
match: same length, same number of sections, same density of glossary terms,
citations, certainty and verdict badges, and comparison tables and summaries,
using only keys that exist in macros/data. The pages go to docs/synthetic/ in
a copy of the project, and into its nav, as a growing site would have them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from macros.content import datafiles, datastore, listchecks
from macros.content.sourcepages import SourcePage, scan
from macros.content.urls import page_key

from . import mkdocs_yaml, projects
from .paths import ROOT

MACRO_CALL = re.compile(r"\{\{-?\s*(?P<name>[a-z_]+)\s*\((?P<args>.*?)\)\s*-?\}\}", re.S)
STRING_ARG = re.compile(r'"[^"]*"')
WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
H2_LINE = re.compile(r"^## ", re.M)

# Kinds the synthetic pages reproduce. The others (glossary(), faq(), claims(), counts(), the
# clinic snippets...) are page-specific blocks used once; the real pages stay in every size.
INLINE_KINDS = ("term", "cite", "certainty", "verdict")
BLOCK_KINDS = ("comparison", "comparison_summary")
SYNTHETIC_DIR = "synthetic"
NAV_GROUP = 50  # pages per nav section, as an editor would group a large site

# Plain sentences without claims; the macro calls are attached to them.
SENTENCES = [
    "Your first visit usually starts with questions about your pain and your health",
    "The practitioner looks at how you move and which muscles feel tender",
    "A thin needle goes through the skin into a tight band of muscle",
    "Some people feel a brief twitch or a dull ache while the needle is in",
    "Most visits take about half an hour, including time to talk",
    "Tell the practitioner about any medicines you take every day",
    "It helps to wear loose clothes so the area is easy to reach",
    "Soreness after a treatment often fades within a day or two",
    "Many people have a few visits over several weeks",
    "Exercise and stretching are often part of the same plan",
    "Ask what the practitioner expects to change, and by when",
    "You can stop a treatment at any time if you feel unwell",
    "Write down how your pain changes between visits so you can compare",
    "Studies differ in how they measure pain, so results are hard to compare",
    "Small studies can give a first idea, but larger ones are needed",
    "A study that lasts only a few weeks cannot show long-term effects",
    "People in a study may feel better partly because they expect to",
    "Research groups do not always report side effects in the same way",
    "The rules for who may offer this treatment differ between places",
    "Check that your practitioner is licensed where you live",
    "Bring a list of questions to your first appointment",
    "A clinician can help you weigh the possible benefits against the risks",
    "Needles should come from a new, sealed pack every time",
    "Keep moving gently after a visit unless you were told otherwise",
]
HEADINGS = ["Before a visit", "During a visit", "After a visit", "What studies show", "Questions to ask",
            "How often", "Costs and cover", "Who offers it", "Other choices", "Living with pain"]


@dataclass
class Density:
    """What the real pages contain, measured from their sources."""

    pages: int
    words: int
    h2_sections: int
    calls: dict[str, int]
    cite_keys: int = 0

    @property
    def words_per_page(self) -> float:
        return self.words / self.pages

    @property
    def sections_per_page(self) -> float:
        return self.h2_sections / self.pages

    def per_1000_words(self, kind: str) -> float:
        return self.calls.get(kind, 0) / self.words * 1000

    @property
    def keys_per_cite(self) -> float:
        return self.cite_keys / self.calls["cite"] if self.calls.get("cite") else 1.0

    def as_dict(self) -> dict:
        return {"pages": self.pages, "words": self.words, "words_per_page": round(self.words_per_page, 1),
                "h2_per_page": round(self.sections_per_page, 2), "keys_per_cite": round(self.keys_per_cite, 2),
                "calls": dict(sorted(self.calls.items())),
                "per_1000_words": {k: round(self.per_1000_words(k), 2) for k in sorted(self.calls)}}


def count_words(markdown: str) -> int:
    """Words of prose, with macro calls taken out (what a reader reads around them)."""
    return len(WORD.findall(MACRO_CALL.sub(" ", markdown)))


def measure(bodies: list[str]) -> Density:
    calls: dict[str, int] = {}
    cite_keys = 0
    for body in bodies:
        for match in MACRO_CALL.finditer(body):
            calls[match["name"]] = calls.get(match["name"], 0) + 1
            if match["name"] == "cite":
                cite_keys += len(STRING_ARG.findall(match["args"]))
    return Density(pages=len(bodies), words=sum(count_words(b) for b in bodies),
                   h2_sections=sum(len(H2_LINE.findall(b)) for b in bodies), calls=calls, cite_keys=cite_keys)


def real_pages(docs_dir: Path = ROOT / "docs") -> list[SourcePage]:
    """The site's own pages, as the build sees them (no _templates/, no embeds)."""
    return scan(docs_dir, docs_dir.parent)


@dataclass
class Keys:
    """Keys that exist in macros/data, so every generated call renders."""

    terms: list[str]
    references: list[str]
    comparisons: list[str]
    certainty: list[str]  # graded questions (evidence.yml): what certainty() takes
    verdicts: list[str]
    # What a block call shows cites, as the build counts it: a page must list those sources too.
    shown_cites: dict[tuple[str, str], list[str]]

    @classmethod
    def load(cls, project_dir: Path = ROOT) -> Keys:
        site = datastore.load(project_dir)
        shown = {(kind, key): listchecks.SHOWN_BY[kind](site, [key])
                 for kind in BLOCK_KINDS for key in site.comparisons}
        return cls(sorted(site.glossary), sorted(site.references), sorted(site.comparisons),
                   sorted(site.evidence), sorted(site.verdicts), shown)


@dataclass
class _Quota:
    """Spreads a fractional rate over pages so the running total tracks the rate exactly."""

    per_page: float
    done: int = 0
    pages: int = 0

    def next(self) -> int:
        self.pages += 1
        due = int(self.per_page * self.pages + 0.5) - self.done
        self.done += due
        return due


class Generator:
    """Synthetic topic pages; page i is the same on every run (seeded by its number)."""

    def __init__(self, density: Density, keys: Keys, dates: tuple[str, str]):
        self.keys = keys
        self.dates = dates
        self.words = round(density.words_per_page)
        self.sections = max(2, round(density.sections_per_page))
        self.quota = {kind: _Quota(density.per_1000_words(kind) * self.words / 1000)
                      for kind in INLINE_KINDS + BLOCK_KINDS}
        self.cite_width = _Quota(density.keys_per_cite)

    def _call(self, kind: str, rng: random.Random, cited: set[str]) -> str:
        if kind == "term":
            return f'{{{{ term("{rng.choice(self.keys.terms)}") }}}}'
        if kind == "cite":
            picked = rng.sample(self.keys.references, max(1, self.cite_width.next()))
            cited.update(picked)
            return "{{ cite(" + ", ".join(f'"{k}"' for k in picked) + ") }}"
        if kind == "certainty":
            return f'{{{{ certainty("{rng.choice(self.keys.certainty)}") }}}}'
        if kind == "verdict":
            return f'{{{{ verdict("{rng.choice(self.keys.verdicts)}") }}}}'
        key = rng.choice(self.keys.comparisons)  # comparison or comparison_summary
        cited.update(self.keys.shown_cites[kind, key])
        return f'{{{{ {kind}("{key}") }}}}'

    def page(self, number: int) -> str:
        rng = random.Random(f"dng-synthetic-{number}")
        cited: set[str] = set()
        sentences: list[str] = []
        headings = [f"{rng.choice(HEADINGS)} {i}" for i in range(1, self.sections)] + ["Talk to a clinician"]
        words = 3 + sum(count_words(h) + 1 for h in headings)  # `!!! abstract "Key points"` and the h2 lines
        while words < self.words:
            sentence = rng.choice(SENTENCES)
            sentences.append(sentence)
            words += count_words(sentence)
        inline = [[] for _ in sentences]
        for kind in INLINE_KINDS:
            for _ in range(self.quota[kind].next()):
                inline[rng.randrange(len(sentences))].append(self._call(kind, rng, cited))
        blocks = [[] for _ in headings]
        for kind in BLOCK_KINDS:
            for _ in range(self.quota[kind].next()):
                blocks[rng.randrange(len(headings))].append(self._call(kind, rng, cited))
        lines = [s + "".join(" " + c for c in calls) + "." for s, calls in zip(sentences, inline, strict=True)]
        return self._assemble(number, lines, headings, blocks, sorted(cited))

    def _assemble(self, number: int, lines: list[str], headings: list[str], blocks: list[list[str]],
                  sources: list[str]) -> str:
        last_reviewed, next_review = self.dates
        out = ["---", f"title: Synthetic topic {number:04d}",
               "description: A generated page for the build benchmark, with glossary terms, citations and "
               "comparisons as dense as the real pages.",
               f"last_reviewed: {last_reviewed}", f"next_review: {next_review}",
               "sources: [" + ", ".join(sources) + "]", "---", "", '!!! abstract "Key points"']
        out += [f"    - {line}" for line in lines[:3]]
        body = lines[3:]
        per_section = max(1, len(body) // len(headings))
        for index, heading in enumerate(headings):
            chunk = body[index * per_section:] if index == len(headings) - 1 else \
                body[index * per_section:(index + 1) * per_section]
            section_id = "talk-to-a-clinician" if index == len(headings) - 1 else f"section-{index + 1}"
            out += ["", f"## {heading} {{#{section_id}}}", ""]
            if index % 2 == 1 and len(chunk) > 4:
                out += [f"- {line}" for line in chunk[:3]] + [""]
                chunk = chunk[3:]
            for start in range(0, len(chunk), 4):  # paragraphs of four sentences, one sentence a line
                out += chunk[start:start + 4] + [""]
            for call in blocks[index]:
                out += [call, ""]
        return "\n".join(out).rstrip() + "\n"


def _nav_with(config: dict, synthetic: list[str]) -> list:
    groups = [{f"Synthetic {i + 1}–{min(i + NAV_GROUP, len(synthetic))}": synthetic[i:i + NAV_GROUP]}
              for i in range(0, len(synthetic), NAV_GROUP)]
    return list(config["nav"]) + ([{"Synthetic pages": groups}] if groups else [])


def make_scale_project(multiple: int, dest: Path) -> dict:
    """A copy of the project at `dest` with multiple × today's pages; returns what it holds."""
    projects.copy_project(dest)
    real = real_pages(dest / "docs")
    density = measure([p.body for p in real])
    safety = next(p for p in real if p.key == "safety")
    generator = Generator(density, Keys.load(dest), (str(safety.meta["last_reviewed"]),
                                                     str(safety.meta["next_review"])))
    wanted = multiple * len(real) - len(real)
    out_dir = dest / "docs" / SYNTHETIC_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    names, bodies = [], []
    for number in range(1, wanted + 1):
        text = generator.page(number)
        name = f"{SYNTHETIC_DIR}/topic-{number:04d}.md"
        (dest / "docs" / name).write_text(text, encoding="utf-8")
        names.append(name)
        bodies.append(text.split("\n---\n", 1)[1])
    if names:  # every page is named by a change entry (macros/content/changelog.py): one names them all
        keys = ", ".join(page_key(name) for name in names)
        with (dest / datafiles.display_path("changes")).open("a", encoding="utf-8") as log:
            log.write(f"\n- date: {safety.meta['last_reviewed']}\n  pages: [{keys}]\n  kind: update\n"
                      "  text: Synthetic pages for the build benchmark, shaped like the real pages.\n")
    config = mkdocs_yaml.load(dest / "mkdocs.yml")
    config["nav"] = _nav_with(config, names)
    mkdocs_yaml.dump(config, dest / "mkdocs.yml")
    return {"multiple": multiple, "real_pages": len(real), "synthetic_pages": wanted,
            "total_pages": len(real) + wanted, "real_density": density.as_dict(),
            "synthetic_density": measure(bodies).as_dict() if bodies else None}
