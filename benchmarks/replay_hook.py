"""MkDocs hook for the "pre-rendered" side of the macro-layer benchmark.

That build has the macros plugin and our plugin (which loads and validates the
data and pages in its `on_config`), but its pages are the Markdown that
benchmarks/capture_hook.py saved, so there is nothing left to render:

- the macros plugin runs with `render_by_default: false` (set in the generated
  config), so pre-rendered text that looks like Jinja (`{ #references }`) is left
  alone; no page is rendered, so our plugin appends no reference list (it is
  already in the saved Markdown);
- the embed copies our `on_files` generates are replaced by the saved, rendered
  embed copies (the same set of files as in the full build).

Reads the saved embeds from $DNG_BENCH_EMBEDS_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


@event_priority(-100)
def on_files(files: Files, config) -> Files:
    saved_dir = Path(os.environ["DNG_BENCH_EMBEDS_DIR"])
    for generated in [f for f in files if f.src_uri.startswith("embed/")]:
        files.remove(generated)
    for path in sorted(saved_dir.rglob("*.md")):
        src_uri = path.relative_to(saved_dir).as_posix()
        files.append(File.generated(config, src_uri, content=path.read_text(encoding="utf-8")))
    return files
