"""Editors' messages: what a pasted link form is read as, every mistake reported at once, and
the macro-call scan that runs before Jinja. (Each message's exact wording is in tests/corpus/.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.content import datastore
from macros.content.yamlsource import parse
from macros.errors import DataError
from macros.render import templaterules
from tests.support import corpus

REFERENCES = "macros/data/references.yml"
DOI = "10.1179/2042618613Y.0000000044"
PMID = "25125935"


def _replace(project: Path, file: str, old: str, new: str) -> None:
    corpus.apply(project, {"file": file, "replace": {"old": old, "new": new}})


@pytest.mark.parametrize("pasted", [f"https://doi.org/{DOI}", f"http://dx.doi.org/{DOI}", f"doi:{DOI}"])
def test_a_doi_pasted_as_a_link_is_read_as_the_doi(project_copy: Path, pasted: str):
    _replace(project_copy, REFERENCES, f'  doi: "{DOI}"', f'  doi: "{pasted}"')
    assert datastore.load(project_copy).references["brady-2014"].doi == DOI


@pytest.mark.parametrize("pasted", [f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/", f"PMID: {PMID}", PMID])
def test_a_pubmed_link_is_read_as_the_pmid(project_copy: Path, pasted: str):
    _replace(project_copy, REFERENCES, f'  pmid: "{PMID}"', f'  pmid: "{pasted}"')
    assert datastore.load(project_copy).references["brady-2014"].pmid == PMID


def test_a_yaml_error_in_one_file_hides_no_mistake_in_another(project_copy: Path):
    corpus.apply(project_copy, {"file": "macros/data/reviewers.yml", "write": "- key: [unclosed\n"})
    line = corpus.apply(project_copy, {"file": "macros/data/glossary.yml",
                                       "append": "- key: new-term\n  term: New term\n  explanation: Text.\n"})
    with pytest.raises(DataError) as raised:
        datastore.load(project_copy)
    printed = sorted(problem.format() for problem in raised.value.problems)
    assert printed == [
        f"macros/data/glossary.yml:{line}: missing required field 'definition' — add a line 'definition: ...' "
        "to the entry (CONTRIBUTING.md lists each file's fields)",
        "macros/data/reviewers.yml:1: invalid YAML: a list in square brackets is not closed — "
        "end it with ], e.g. sources: [brady-2014, boyce-2020]",
    ]


def test_an_unreadable_references_file_does_not_make_every_citation_unknown(project_copy: Path):
    corpus.apply(project_copy, {"file": REFERENCES, "append": "- key: [unclosed\n"})
    with pytest.raises(DataError) as raised:
        datastore.load(project_copy)
    assert [p.path for p in raised.value.problems] == [REFERENCES]


@pytest.mark.parametrize(("text", "line"), [
    ("one\n{{ cite('a')\n\nthree\n\n{{ cite('b') }}", 2),  # unclosed, then a later good call
    ("{{ cite('a') }} and {{ cite('b'\n\nlater", 1),
    ("one\ntwo cite('a') }}", 2),  # closed, never opened
    ("one\n{{ cite(\n  “a”) }}", 3),  # the curly quote's own line
])
def test_delimiter_mistakes_are_found_at_their_own_line(text: str, line: int):
    found = templaterules.violations(text, ["cite"])
    assert [v.line for v in found] == [line]


def test_good_calls_pass_the_delimiter_scan():
    text = 'a {{ cite("x", "y") }} b {{ term("k",\n "label") }} c {{ cite("}}") }} “quoted prose”'
    assert templaterules.delimiter_violations(text) == []


@pytest.mark.parametrize("style", [">-", ">", "|", "plain", "quoted"])
def test_a_place_in_a_text_over_several_lines_maps_to_its_source_line(style: str):
    body = ["First line of text.", "Second line with {{ cite(\"x\") }} in it.", "Third line."]
    if style == "plain":
        source = "- key: k\n  answer: " + "\n    ".join(body) + "\n"
    elif style == "quoted":
        source = '- key: k\n  answer: "' + "\n    ".join(b.replace('"', "'") for b in body) + '"\n'
    else:
        source = f"- key: k\n  answer: {style}\n" + "".join(f"    {b}\n" for b in body)
    entry = parse(source, "f.yml")[0]
    text = entry["answer"]
    span = entry.text_spans["answer"]
    first = 2 if style in ("plain", "quoted") else 3
    assert span.source_line(text, text.index("cite")) == first + 1
    assert span.source_line(text, text.index("Third")) == first + 2
