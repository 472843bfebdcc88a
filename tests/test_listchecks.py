"""Lists kept beside the text agree with it, and nothing is entered twice (macros/content/listchecks.py).

The corpus (tests/corpus/list-*.yml, promise-*.yml) holds the exact messages; these tests hold the
rules: what a page cites is what its rendering cites, each direction of each list is caught, and
the FAQ likeness threshold flags no pair of today's questions.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from macros.check import dryrun, wording
from macros.content import listchecks, sourcepages
from macros.content.datastore import SiteData
from macros.content.markdown_scan import Line
from macros.content.models import GlossaryTerm, glossary_skeleton
from macros.errors import ContentError
from macros.render import inline, table
from macros.site import Site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rendered() -> Site:
    """The site as the build loads it, with every page rendered once (the checker's dry run)."""
    site = Site.load(load_config(str(ROOT / "mkdocs.yml")))
    dryrun.render_all(site)
    return site


@pytest.fixture(scope="module")
def data(rendered: Site) -> SiteData:
    return rendered.data


def test_what_a_page_cites_is_read_as_the_renderer_cites_it(rendered):
    # The static reading (cite() calls, and the entries faq(), claims(), comparison(...) ... show)
    # against what each page's rendering actually cited: a macro missing from SHOWN_BY fails here.
    compared = 0
    for page in rendered.pages.values():
        ctx = rendered.contexts[page.src_uri]
        static = {citation.key for citation in listchecks.page_citations(page, rendered.data)}
        assert static == set(ctx.cited), page.path
        compared += bool(ctx.cited)
    assert compared >= 10


def test_the_names_it_reads_are_the_macro_tables():
    assert inline.INLINE_MACROS[listchecks.CITE] is inline.cite
    assert set(listchecks.SHOWN_BY) <= set(table.MACROS)


def test_the_content_lists_agree(rendered):
    assert listchecks.check(rendered.pages.values(), rendered.data) == []


def _page(tmp_path: Path, sources: str, body: str) -> sourcepages.SourcePage:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    path = docs / "test-page.md"
    path.write_text("---\ntitle: A test page\ndescription: " + "A page written for a test of the sources list. " * 2
                    + f"\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\nsources: {sources}\n---\n\n{body}",
                    encoding="utf-8")
    return sourcepages.read_page(docs, path, tmp_path)


def test_a_page_citation_missing_from_sources_is_named_at_its_line(tmp_path, data):
    page = _page(tmp_path, "[dunning-2014]", 'Text {{ cite("dunning-2014") }}.\n\nMore {{ cite("gattie-2017") }}.\n')
    [problem] = listchecks.check_page_sources(page, data)
    assert problem.format() == (
        f"{page.path}:11: 'gattie-2017' is cited here but is missing from this page's sources — "
        "add it to the list on line 6: sources: [dunning-2014, gattie-2017]")


def test_a_source_the_page_never_cites_is_named(tmp_path, data):
    page = _page(tmp_path, "[dunning-2014, gattie-2017]", 'Text {{ cite("dunning-2014") }}.\n')
    [problem] = listchecks.check_page_sources(page, data)
    assert problem.line == 6
    assert problem.message == "'gattie-2017' is in this page's sources but the page never cites it"
    assert problem.hint.endswith("or remove it: sources: [dunning-2014]")


def test_a_figure_source_may_be_listed_without_a_citation(tmp_path, data):
    figure = next(iter(data.figures.values()))
    page = _page(tmp_path, f"[{figure.source}]", f'It happens {{{{ figure("{figure.key}") }}}}.\n')
    assert listchecks.check_page_sources(page, data) == []


def test_a_misspelt_citation_is_left_to_the_renderer(tmp_path, data):
    # One mistake, one message: the renderer names the near key; the list is not blamed too.
    page = _page(tmp_path, "[gattie-2017]", 'Text {{ cite("gattie-2071") }}.\n')
    assert listchecks.check_page_sources(page, data) == []


def test_a_refused_call_cites_nothing(tmp_path, data):
    # The renderer drops a call the macro rule refuses; the list check reads the same text.
    page = _page(tmp_path, "[]", '{{ cite("gattie-2017") | safe }}\n')
    assert listchecks.check_page_sources(page, data) == []


def _with_term(data: SiteData, explanation: str, references: list[str]) -> SiteData:
    term = next(iter(data.glossary.values()))
    changed = term.model_copy(update={"explanation": explanation, "references": references})
    return dataclasses.replace(data, glossary={**data.glossary, term.key: changed})


def test_an_entry_lists_what_its_text_cites_both_ways(data):
    changed = _with_term(data, 'It helps {{ cite("gattie-2017") }}.', ["dunning-2014"])
    problems = [p.message for p in listchecks.check_entry_references(changed)]
    key = next(iter(data.glossary))
    assert problems == [f"glossary entry '{key}': its explanation cites 'gattie-2017' but its references list "
                        "does not include it",
                        f"glossary entry '{key}': 'dunning-2014' is in its references but its explanation never "
                        "cites it"]


def test_a_cell_text_citation_missing_from_the_cell_sources_is_named(data):
    comp = next(iter(data.comparisons.values()))
    row = comp.rows[0]
    column, cell = next(iter(row.cells.items()))
    other = next(key for key in data.references if key not in cell.sources)
    cells = {**row.cells, column: cell.model_copy(update={"text": f'Text {{{{ cite("{other}") }}}}.'})}
    rows = [row.model_copy(update={"cells": cells}), *comp.rows[1:]]
    changed = dataclasses.replace(data, comparisons={**data.comparisons,
                                                     comp.key: comp.model_copy(update={"rows": rows})})
    [problem] = listchecks.check_cell_sources(changed)
    assert problem.message == (f"comparison '{comp.key}', row '{row.key}', column '{column}': the text cites "
                               f"'{other}' but the cell's sources do not list it")


@pytest.mark.parametrize("name", ["doi", "pmid"])
def test_a_reference_entered_twice_is_named_with_the_other_key(data, name):
    original = next(ref for ref in data.references.values() if getattr(ref, name))
    # The copy keeps only the one identifier, so exactly one problem can be reported.
    copy = original.model_copy(update={"key": "zz-copy", "doi": None, "pmid": None,
                                       name: getattr(original, name).upper()})
    changed = dataclasses.replace(data, references={**data.references, "zz-copy": copy})
    [problem] = listchecks.check_duplicate_references(changed)
    assert problem.message.startswith(f"reference 'zz-copy' has the same {listchecks.IDENTIFIERS[name]} "
                                      f"as '{original.key}' (line ")
    assert listchecks.check_duplicate_references(data) == []


def test_no_two_faq_questions_of_today_are_alike(data):
    closest = max(listchecks.question_likeness(a.question, b.question) for a, b in itertools.combinations(data.faq, 2))
    assert closest < listchecks.SAME_QUESTION
    assert listchecks.check_duplicate_questions(data) == []


@pytest.mark.parametrize(("one", "other"), [
    ("Is dry needling safe?", "Is dry needling safe for me?"),
    ("What is dry needling?", "What's dry needling?"),
    ("How does dry needling work?", "How does dry needling actually work?"),
    ("Does dry needling hurt?", "DOES DRY NEEDLING HURT"),
    ("Can I exercise after dry needling?", "Can I do exercises after dry needling?"),
])
def test_the_same_question_in_other_words_is_alike(one, other):
    assert listchecks.question_likeness(one, other) >= listchecks.SAME_QUESTION


@pytest.mark.parametrize(("one", "other"), [
    ("What is dry needling?", "Who can do dry needling?"),
    ("Does it help headaches?", "Does it help heel pain?"),
    ("Is dry needling safe?", "Is dry needling the same as IMS?"),
])
def test_different_questions_are_not_alike(one, other):
    assert listchecks.question_likeness(one, other) < listchecks.SAME_QUESTION


def test_a_duplicate_question_is_reported_with_the_existing_key(data):
    existing = data.faq[0]
    copy = existing.model_copy(update={"key": "zz-copy", "question": existing.question.upper()})
    changed = dataclasses.replace(data, faq=[*data.faq, copy])
    [problem] = listchecks.check_duplicate_questions(changed)
    assert f"asks the same as '{existing.key}'" in problem.message


def test_the_glossary_skeleton_is_a_valid_entry():
    [entry] = yaml.safe_load(glossary_skeleton("kinesiophobia"))
    term = GlossaryTerm.model_validate(entry)
    assert (term.key, term.term) == ("kinesiophobia", "Kinesiophobia")


def _unknown_term_hint(site: Site, key: str) -> str:
    with pytest.raises(ContentError) as raised:
        inline.term(site.render_context(""), key)
    return raised.value.hint


def test_an_unknown_term_gets_the_near_key_or_the_skeleton(rendered):
    assert _unknown_term_hint(rendered, "pneumothorx") == (
        f"did you mean 'pneumothorax'? For a new term, add it to glossary.yml first: {glossary_skeleton('pneumothorx')}")
    assert _unknown_term_hint(rendered, "kinesiophobia") == (
        "use a key defined in macros/data/glossary.yml; for a new term, add it to glossary.yml first: "
        f"{glossary_skeleton('kinesiophobia')}")


def _promises(text: str) -> list[str]:
    return [p.message.split(":")[0] for p in wording.check("docs/x.md", [Line(1, text, text)], [])]


@pytest.mark.parametrize("text", ["No treatment is risk-free.", "Dry needling does not work for everyone.",
                                  "It is not clinically proven.", "It will not fix your pain for good.",
                                  "There is no cure.", "No treatment is 100% effective."])
def test_a_negated_promise_is_not_a_promise(text):
    assert _promises(text) == []


def test_overlapping_promises_are_reported_once_by_the_longest():
    assert _promises("Dry needling permanently cures back pain.") == ["banned promise word 'permanently cures'"]
    assert _promises("It is risk-free and clinically proven.") == ["banned promise word 'risk-free'",
                                                                   "banned promise word 'clinically proven'"]
