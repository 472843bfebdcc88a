"""The small "Edit this answer · faq.yml, line 12" links under data entries on the full site.

Two links, because GitHub's web editor always opens a file at its top (it ignores `#L12`):
the first opens the data file in the editor; the second shows the file with the entry's
line highlighted (a pencil button away from editing) and tells the editor which line to
scroll to. Each link's accessible name starts with its visible words and names the entry.

Pages of the full site only: a context without a repository (embeds, the API, JSON-LD)
gets nothing, so clinics' copies and machine-read HTML never carry them. Print hides them
(site.css, `.dng-edit`).
"""

from __future__ import annotations

from markupsafe import Markup

from macros.content import datafiles, sourcelinks
from macros.render.context import RenderContext

CLASS = "dng-edit"


def entry_links(ctx: RenderContext, kind: str, key: str, name: str) -> Markup:
    """The links to the entry `key` of the data file `kind`, or nothing outside the full site.

    `name` is how the entry reads to a person ("the answer to “Is it safe?”")."""
    repository = ctx.repository
    noun = sourcelinks.BY_KIND[kind].entry
    if repository is None or not noun:
        return Markup("")
    origin = ctx.site.origin(kind, key, "key")
    path, file = datafiles.display_path(kind), datafiles.file_name(kind)
    where = f"{file}, line {origin.line}" if origin.line else file
    return Markup(
        '<p class="{cls}"><a href="{edit}" aria-label="Edit this {noun}: {name}, in {file}">Edit this {noun}</a>'
        ' · <a href="{view}" aria-label="{where}: {name}">{where}</a></p>'
    ).format(cls=CLASS, edit=repository.edit_url(path), noun=noun, name=name, file=file,
             view=repository.view_url(path, origin.line), where=where)
