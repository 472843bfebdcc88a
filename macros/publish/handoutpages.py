"""Write the handouts (/handouts/<key>/index.html) after the build, from overrides/handout.html.

Not MkDocs pages: nothing of the theme, no nav, no sitemap entry, no search record. The CSP is
the site's (a <meta>, and `_headers` lists the handouts with the pages: macros/publish/outputs.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from macros.content import urls
from macros.errors import Problem
from macros.publish import csp, embedspec, linkcheck, outputscan
from macros.render import handouts

if TYPE_CHECKING:
    from macros.site import Site

TEMPLATE = "handout.html"
# Printed above a clinic's name and phone (the handout's script fills them in, as text).
CLINIC_NOTE = "Added by whoever printed this handout; not checked by Dry Needling Guide."
# What the script writes before each value it accepts, by the names of embedspec.HANDOUT_PATTERNS.
CLINIC_LABELS = {"clinic": "", "phone": "Phone: "}


def _environment(build: Site) -> jinja2.Environment:
    folder = build.config.mkdocs["theme"].custom_dir
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def handout_paths(build: Site) -> list[str]:
    """The handouts' addresses, `/handouts/safety/` (for `_headers`)."""
    return ["/" + urls.handout_url(key) for key in handouts.handout_keys(build)]


def render(build: Site, key: str, template: jinja2.Template | None = None) -> str:
    template = template or _environment(build).get_template(TEMPLATE)
    root = "../" * urls.handout_url(key).count("/")
    licence = build.config.mkdocs["extra"]["content_licence"]["name"]
    return template.render(h=handouts.handout(build, key), root=root, site_name=build.config.mkdocs["site_name"],
                           csp=csp.policy(build.script_hashes), clinic_note=CLINIC_NOTE, licence=licence,
                           clinic_fields=[(name, CLINIC_LABELS[name]) for name in embedspec.HANDOUT_PATTERNS],
                           spec_script=embedspec.CHILD_SPEC)


def write_all(build: Site, site_dir: Path, write: Callable[[Path, str], None]) -> None:
    template = _environment(build).get_template(TEMPLATE)
    for key in handouts.handout_keys(build):
        html = render(build, key, template)
        where = urls.handout_url(key)
        for found in outputscan.scan(html, build.inline_scripts, ()):
            build.report(Problem("macros/data/keypoints.yml", None, f"unsafe HTML in the handout {where}: {found}",
                                 "write the key points with text, links and macros only"))
        write(site_dir / where / "index.html", html)
        build.html[f"{where}index.html"] = linkcheck.parse(html)
