"""Small corrections to the HTML Material writes, applied to every built page.

Each fix names what it corrects and why, so that it can be dropped when the
theme does it itself. A fix that stops matching fails the build (Material
changed): the test suite would otherwise pass without the correction.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'


def name_search_dialog(html: str, src_uri: str) -> str:
    """Give Material's search dialog an accessible name (axe rule aria-dialog-name, which
    Lighthouse's accessibility score counts; Material 9.8 leaves the dialog unnamed)."""
    if 'data-md-component="search"' not in html:
        return html  # embeds and pages without the header have no search
    if SEARCH_DIALOG not in html:
        raise PluginError(f"{src_uri}: Material's search dialog markup changed; update "
                          "macros/publish/htmlfixes.py (it names the dialog for screen readers)")
    return html.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)
