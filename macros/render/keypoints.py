"""Key points: the box at the top of a page (`{{ key_points("safety") }}`), from keypoints.yml.

The same points print on the page's one-page handout (macros/render/handouts.py), so the
checker caps them here, once: a handout with the most the caps allow still prints on one
page of A4 and of US Letter (tests/browser/test_handouts_print.py fills every cap and counts).

The box is the Markdown pages wrote before the points moved to data, so pages, embed copies
and print look as they did:

    !!! abstract "Key points"
        - First point {{ cite("a-2020") }}.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from markupsafe import Markup

from macros.content import datafiles
from macros.content.datastore import SiteData
from macros.content.models import KeyPoints
from macros.errors import ContentError, Problem, did_you_mean
from macros.render import markup, templaterules
from macros.render.comparisons import words_shown
from macros.render.context import RenderContext

# The caps that keep a handout on one printed page (measured: see the module's docstring).
MAX_POINTS = 6
MAX_POINT_WORDS = 120  # all the points of a page together, as printed (a figure counts as its words)
MIN_QUESTIONS = 2
MAX_QUESTIONS = 5
MAX_QUESTION_WORDS = 20

# The macro pages call; listchecks counts its citations, and the check below finds each page's call.
MACRO = "key_points"
BOX_OPEN = '!!! abstract "Key points"'
# A point starts a line with "- "; other lines continue the point above.
_POINT = re.compile(r"^- ", re.MULTILINE)


def entry(ctx: RenderContext, key: str) -> KeyPoints:
    found = ctx.site.keypoints.get(key)
    if found is None:
        raise ContentError(f"no key points for the page '{key}'", did_you_mean(
            key, ctx.site.keypoints, datafiles.display_path("keypoints"))
            + f"; a page's key points are the entry '- key: <page key>' in {datafiles.display_path('keypoints')}")
    return found


def points_markdown(ctx: RenderContext, item: KeyPoints) -> str:
    """The points' Markdown list with their macros run (citations count on in the page's order)."""
    return markup.expand(item.points, ctx, ctx.site.origin("keypoints", item.key, "points"))


def key_points(ctx: RenderContext, key: str) -> Markup:
    """The key points box of the page `key`."""
    body = points_markdown(ctx, entry(ctx, key))
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.strip("\n").split("\n"))
    return Markup("\n\n{}\n{}\n\n").format(Markup(BOX_OPEN), Markup(indented))


def point_lines(text: str) -> list[int]:
    """The 0-based lines of `text` that start a point."""
    return [number for number, line in enumerate(text.split("\n")) if _POINT.match(line)]


def _line(data: SiteData, item: KeyPoints, name: str, inner: int = 0) -> tuple[str, int | None]:
    origin = data.origin("keypoints", item.key, name)
    if name == "points":
        return origin.path, origin.line_in(item.points, inner + 1)
    # A question is written on its own line under `questions:`.
    return origin.path, (origin.line + inner + 1) if origin.line is not None else None


def check(data: SiteData, pages: Collection[str], patient_pages: tuple[str, ...],
          page_bodies: dict[str, str]) -> list[Problem]:
    """Every entry names a page that shows it; the caps on points and questions hold; patient pages
    have their questions. `page_bodies`: page key -> its Markdown (to find the page's call).
    The cap on words needs the points rendered: `check_words`, once the Site exists."""
    problems = []
    for item in data.keypoints.values():
        where, line = _line(data, item, "points")
        key_line = data.origin("keypoints", item.key, "key").line
        if item.key not in pages:
            problems.append(Problem(where, key_line, f"there is no page '{item.key}'",
                                    did_you_mean(item.key, pages, "docs/")
                                    + " The key is the page's address: safety for docs/safety.md, home for docs/index.md."))
            continue
        body = page_bodies.get(item.key, "")
        if not any(name == MACRO and args[:1] == [item.key] for _, name, args, _ in templaterules.calls(body)):
            problems.append(Problem(where, key_line, f"the key points of '{item.key}' are shown nowhere",
                                    f'put {{{{ {MACRO}("{item.key}") }}}} on its own line under the page\'s front matter'))
        starts = point_lines(item.points)
        if not starts or starts[0] != 0:
            problems.append(Problem(where, line, "the key points must be a list: each point starts a line with '- '",
                                    "write each point as '- One short sentence.' on its own line, under 'points: |'"))
        if len(starts) > MAX_POINTS:
            problems.append(Problem(where, _line(data, item, "points", starts[MAX_POINTS])[1],
                                    f"'{item.key}' has {len(starts)} key points; a page has at most {MAX_POINTS}, "
                                    "so that its handout prints on one page",
                                    "merge two points, or move the detail into the page"))
        problems += _check_questions(data, item, item.key in patient_pages)
    return problems


def check_words(data: SiteData, printed_words: dict[str, int]) -> list[Problem]:
    """`printed_words`: page key -> the words its points print (rendered by the caller, as the handout
    prints them: a figure or a badge counts as its words, a citation number as none)."""
    problems = []
    for key, words in printed_words.items():
        if words > MAX_POINT_WORDS and key in data.keypoints:
            where, line = _line(data, data.keypoints[key], "points")
            problems.append(Problem(where, line, f"the key points of '{key}' have {words} words; "
                                    f"at most {MAX_POINT_WORDS}, so that its handout prints on one page",
                                    "keep the answer in each point and move the detail into the page"))
    return problems


def _check_questions(data: SiteData, item: KeyPoints, patient_page: bool) -> list[Problem]:
    problems = []
    _, line = _line(data, item, "questions")
    where = data.origin("keypoints", item.key, "key")
    if not patient_page:
        if item.questions:
            problems.append(Problem(where.path, line, f"'{item.key}' is not a patient page, so it has no handout "
                                    "to print its questions", "remove its 'questions:'"))
        return problems
    if len(item.questions) < MIN_QUESTIONS:
        problems.append(Problem(where.path, where.line, f"'{item.key}' has {len(item.questions)} questions to ask "
                                f"your practitioner; its handout needs {MIN_QUESTIONS} to {MAX_QUESTIONS}",
                                "add them under 'questions:', one per line starting with '- ', from what the page says"))
    if len(item.questions) > MAX_QUESTIONS:
        problems.append(Problem(where.path, _line(data, item, "questions", MAX_QUESTIONS)[1],
                                f"'{item.key}' has {len(item.questions)} questions; a handout prints at most {MAX_QUESTIONS}",
                                "keep the ones a patient most needs to ask"))
    for index, question in enumerate(item.questions):
        at = _line(data, item, "questions", index)[1]
        words = words_shown(Markup.escape(question))
        if words > MAX_QUESTION_WORDS:
            problems.append(Problem(where.path, at, f"the question '{question[:40]}…' has {words} words; "
                                    f"a question has at most {MAX_QUESTION_WORDS}",
                                    "ask one thing, in plain words"))
        if not question.endswith("?"):
            problems.append(Problem(where.path, at, f"'{question[:40]}' is not a question",
                                    "end it with a question mark"))
    return problems
