"""MkDocs hook for one build of a benchmark copy: save every page as rendered Markdown.

Listed last in the copy's `hooks:` by benchmarks/prerender.py, never in the
site's own mkdocs.yml. `on_page_context` runs after the macros plugin rendered
the page (and appended its reference list) and after our hooks decorated it,
so `page.markdown` is the final Markdown. Each file keeps its original front
matter; the copy for the plain build also carries `dng`, the values our hooks
compute for the templates, since that build runs without them.

Writes under $DNG_BENCH_CAPTURE_DIR:
  pages/<src_uri>   full pages: original front matter + rendered Markdown
  embeds/<src_uri>  embed copies: their generated front matter + rendered Markdown
  plain/<src_uri>   both, with `dng` added to the front matter
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

# MkDocs' own front matter pattern (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def _out_dir() -> Path:
    value = os.environ.get("DNG_BENCH_CAPTURE_DIR")
    if not value:
        raise RuntimeError("capture_hook.py needs DNG_BENCH_CAPTURE_DIR (it is run by benchmarks/prerender.py)")
    return Path(value)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plain_value(value):
    """`dng` as YAML can hold it (the JSON-LD is Markup, a str subclass)."""
    if isinstance(value, dict):
        return {k: _plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    return str(value) if isinstance(value, str) else value


@event_priority(-100)
def on_page_context(context, page, config, nav):
    match = FRONT_MATTER.match(page.file.content_string)
    front = match.group(1) if match else ""
    out = _out_dir()
    kind = "embeds" if page.file.src_uri.startswith("embed/") else "pages"
    _write(out / kind / page.file.src_uri, (f"---\n{front}---\n\n" if front else "") + page.markdown)
    dng = yaml.safe_dump({"dng": _plain_value(page.meta.get("dng", {}))}, allow_unicode=True, width=10_000)
    _write(out / "plain" / page.file.src_uri, f"---\n{front}{dng}---\n\n{page.markdown}")
    return context
