"""The static content API (/api/v1/*.json) and its JSON Schemas.

Every file is rendered from the same data as the pages. Text fields carry both
the Markdown source and the rendered HTML (links absolute to the full site).
Each document is built as its output model (`apimodels.py`), which validates it;
the schemas are generated from the same models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from macros.content import notes, urls
from macros.content.datastore import Origin
from macros.publish import apimodels as m
from macros.publish import embeds
from macros.render import changes, evidence
from macros.render.care import care_html
from macros.render.comparisons import comparison_html
from macros.render.context import RenderContext
from macros.render.faq import see_link
from macros.render.markup import to_html
from macros.render.references import reference_html

if TYPE_CHECKING:
    from macros.site import Site

API_VERSION = urls.API_VERSION
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Document = dict[str, Any]


def _ctx(build: Site, page_url: str = "") -> RenderContext:
    return build.render_context(page_url, absolute=True)


def _text(build: Site, markdown: str, origin: Origin, inline_only: bool = False) -> m.Text:
    return m.Text(markdown=markdown, html=str(to_html(markdown, _ctx(build), origin, inline_only)))


def _envelope(build: Site, name: str) -> dict[str, Any]:
    """The fields every document starts with, as keyword arguments of its model."""
    return {
        "api_version": API_VERSION,
        "name": name,
        "site_url": build.site_url,
        "licence": m.Licence(name=build.config.licence_name, url=build.config.licence_url),
        "attribution": f"From Dry Needling Guide ({build.site_url}), "
                       f"{build.config.publisher}, {build.config.licence_name}. Information, not medical advice.",
        "review_note": notes.REVIEW_NOTE,
        "schema_url": build.site_url + urls.api_schema_url(name),
    }


def _dump(document: m.Envelope) -> Document:
    return document.model_dump(mode="json")


def pages_doc(build: Site) -> Document:
    items = []
    for page in sorted(build.pages.values(), key=lambda p: p.key):
        info = page.info
        if info is None or not embeds.embeddable(page):
            continue
        items.append(m.Page(
            key=page.key,
            title=info.title,
            description=info.description,
            url=build.site_url + page.url,
            embed_url=build.site_url + urls.embed_url(page.key),
            oembed_url=build.site_url + urls.oembed_url(page.key),
            sections=[m.Section(id=s.id, title=s.title,
                                url=f"{build.site_url}{page.url}#{s.id}",
                                embed_url=build.site_url + urls.embed_url(page.key, s.id))
                      for s in page.sections if s.id],
            last_reviewed=info.last_reviewed.isoformat(),
            next_review=info.next_review.isoformat(),
            last_changed=build.last_changed(page.key),
            sources=list(info.sources),
        ))
    care = [m.CareCard(tier=tier.key, title=tier.heading,
                       embed_url=build.site_url + urls.embed_url(urls.care_embed_key(tier.key)))
            for tier in build.data.care.values()]
    return _dump(m.PagesDocument(**_envelope(build, "pages"), pages=items, care=care, items=[
        # Validated as a dict: the kind is a plain string in embeds.Item, a Literal here.
        m.Item.model_validate({"key": item.key, "kind": item.kind, "title": item.title,
                               "url": f"{build.site_url}{build.pages[item.home].url}#{item.anchor}",
                               "embed_url": build.site_url + urls.embed_url(item.key)})
        for item in embeds.items(build.pages, build.data)]))


def glossary_doc(build: Site) -> Document:
    items = []
    for t in sorted(build.data.glossary.values(), key=lambda t: t.term.lower()):
        origin = build.data.origin("glossary", t.key, "explanation")
        items.append(m.Term(
            key=t.key, term=t.term, definition=t.definition,
            explanation=_text(build, t.explanation, origin),
            synonyms=t.synonyms, abbreviations=t.abbreviations, related=t.related,
            references=t.references, url=f"{build.site_url}{urls.GLOSSARY}#{t.key}",
        ))
    return _dump(m.GlossaryDocument(**_envelope(build, "glossary"), terms=items))


def faq_doc(build: Site) -> Document:
    items = []
    groups = {g.key: g.label for g in build.data.scales.faq_groups}
    for e in build.data.faq:
        see = str(see_link(_ctx(build), e)) if e.see else None
        items.append(m.Question(
            key=e.key, question=e.question,
            answer=_text(build, e.answer, build.data.origin("faq", e.key, "answer")),
            see=e.see, see_html=see, references=e.references,
            url=f"{build.site_url}{urls.FAQ}#{e.key}",
            care=list(e.care), care_html=str(care_html(_ctx(build), *e.care, edit_links=False)) if e.care else None,
            group=e.group, group_title=groups[e.group],
        ))
    return _dump(m.FaqDocument(**_envelope(build, "faq"), questions=items))


def comparisons_doc(build: Site) -> Document:
    items = []
    for c in build.data.comparisons.values():
        items.append(m.Comparison(
            key=c.key, title=c.title,
            summary=_text(build, c.summary, build.data.origin("comparisons", c.key, "summary")),
            columns=[m.Column(key=col.key, label=col.label) for col in c.columns],
            rows=[m.Row(key=r.key, attribute=r.attribute,
                        cells={k: m.Cell(text=_text(build, cell.text, build.data.text_origin(
                                   "comparisons", c.key, f"rows.{r.key}.cells.{k}.text"), True), sources=cell.sources)
                               for k, cell in r.cells.items()}) for r in c.rows],
            notes=_text(build, c.notes, build.data.origin("comparisons", c.key, "notes")) if c.notes else None,
            table_html=str(comparison_html(_ctx(build), c.key)),
        ))
    return _dump(m.ComparisonsDocument(**_envelope(build, "comparisons"), comparisons=items))


def references_doc(build: Site) -> Document:
    items = []
    for r in sorted(build.data.references.values(), key=lambda r: r.key):
        items.append(m.Reference(
            key=r.key, authors=r.authors, year=r.year, title=r.title, journal=r.journal,
            volume=r.volume, pages=r.pages, doi=r.doi, pmid=r.pmid, url=r.url, link=r.link,
            shows=_text(build, r.shows, build.data.origin("references", r.key, "shows"), True),
            verification=r.verification,
            citation_html=str(reference_html(_ctx(build), r, with_shows=False)),
            anchor_url=f"{build.site_url}{urls.REFERENCES}#{r.key}",
        ))
    return _dump(m.ReferencesDocument(**_envelope(build, "references"), references=items))


def claims_doc(build: Site) -> Document:
    items = []
    for c in build.data.claims:
        items.append(m.Claim(
            key=c.key, claim=c.claim, made_in=c.made_in, verdict=c.verdict,
            verdict_label=build.data.verdicts[c.verdict].label,
            explanation=_text(build, c.explanation, build.data.origin("claims", c.key, "explanation")),
            references=c.references, url=f"{build.site_url}{urls.CLAIMS}#{c.key}",
        ))
    return _dump(m.ClaimsDocument(**_envelope(build, "claims"), claims=items))


def evidence_doc(build: Site) -> Document:
    """Every graded question and every figure, with the scales, as the pages show them."""
    data = build.data
    questions = []
    for q in data.evidence.values():
        badge = evidence.certainty(_ctx(build), q.key)
        questions.append(m.GradedQuestion(
            key=q.key, question=q.question, certainty=q.certainty, finding=q.finding, timeframe=q.timeframe,
            sources=q.sources, rated_by=q.rated_by, sentence=" ".join(badge.striptags().split()),
            badge_html=str(badge)))
    figures = [m.Figure(
        key=f.key, what=f.what, numerator=f.numerator, denominator=f.denominator, counted=f.counted, unit=f.unit,
        intervention=f.intervention, intervention_flag=data.interventions[f.intervention].flag, source=f.source,
        checked=f.checked, note=f.note, phrase=" ".join(evidence.figure(_ctx(build), f.key).striptags().split()))
        for f in data.figures.values()]
    return _dump(m.EvidenceDocument(
        **_envelope(build, "evidence"),
        certainty=[m.ScaleWord(key=c.key, label=c.label, meaning=c.meaning) for c in data.scales.certainty],
        findings=[m.ScaleWord(key=f.key, label=f.label, meaning=f.meaning) for f in data.scales.findings],
        frequency_bands=[m.FrequencyBand(key=b.key, word=b.word, from_one_in=b.from_one_in) for b in data.bands],
        questions=questions, figures=figures))


def changes_doc(build: Site) -> Document:
    """The change log, newest first, from changes.yml only."""
    page_url = build.site_url + urls.page_url("changes")
    items = [m.Change(
        date=entry.date.isoformat(), datetime=f"{entry.date.isoformat()}T00:00:00+00:00", commit="",
        summary=entry.text, pages=list(entry.pages),
        files=[build.pages[key].path for key in entry.pages if key in build.pages],
        id=entry.id, kind=entry.kind, kind_label=changes.kind_label(entry), text=entry.text, safety=entry.safety,
        url=f"{page_url}#{changes.anchor(entry)}")
        for entry in build.changes.entries]
    return _dump(m.ChangesDocument(**_envelope(build, "changes"), changes=items, history_complete=True))


DOCUMENTS: dict[str, Callable[[Site], Document]] = {
    "pages": pages_doc, "glossary": glossary_doc, "faq": faq_doc, "comparisons": comparisons_doc,
    "references": references_doc, "claims": claims_doc, "evidence": evidence_doc, "changes": changes_doc,
}


def schema(build: Site, name: str) -> Document:
    """The JSON Schema of document `name`, generated from its model (`apimodels.py`)."""
    generated = m.json_schema(name)
    generated.pop("title", None)
    return {"$schema": SCHEMA_DIALECT, "$id": build.site_url + urls.api_schema_url(name),
            "title": f"Dry Needling Guide API {API_VERSION}: {name}", **generated}
