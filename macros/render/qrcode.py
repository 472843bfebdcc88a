"""A QR code as inline SVG, drawn at build time from segno's module matrix (no service, no file).

Black modules on a white square with the standard 4-module quiet zone, so a phone reads it on
paper; no style attributes (the CSP refuses them): the print size is set by the handout's CSS.
Each run of dark modules in a row is one rectangle of the path, so a test can read the path back
and compare it with segno's matrix for the same address.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

QUIET_ZONE = 4  # modules of white around the code: the QR standard's minimum
ERROR_LEVEL = "m"  # recovers about 15% damage: a folded or smudged printout still scans


def matrix(text: str) -> list[list[bool]]:
    """The code's modules for `text`, quiet zone included: True is dark."""
    code = segno.make(text, error=ERROR_LEVEL, micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def path_data(modules: list[list[bool]]) -> str:
    """`M x y h n v 1 h -n z` for each horizontal run of dark modules."""
    parts = []
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def svg(text: str, label: str, css_class: str = "dng-qr") -> Markup:
    """The QR code for `text` as an <svg> element, named for screen readers by `label`."""
    modules = matrix(text)
    size = len(modules)
    return Markup(
        '<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        'aria-label="{label}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#ffffff"/>'
        '<path fill="#000000" d="{d}"/></svg>'
    ).format(cls=css_class, size=size, label=label, d=path_data(modules))
