"""The same pages with their macros already rendered: two configs to compare the full build with.

One capture build of a benchmark copy (its mkdocs.yml plus benchmarks/capture_hook.py)
saves every page's final Markdown. From it:

- `mkdocs-bench-prerendered.yml`: macros plugin and our hooks on, pages pre-rendered
  (see benchmarks/replay_hook.py): the full build minus the macro layer's page work.
- `mkdocs-bench-plain.yml`: no macros plugin, no hooks; the pre-rendered pages and
  embed copies are ordinary Markdown files: what MkDocs and Material cost on their own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import mkdocs_yaml, projects
from .paths import BENCH_DIR

CAPTURE_HOOK = BENCH_DIR / "capture_hook.py"
REPLAY_HOOK = BENCH_DIR / "replay_hook.py"
OUR_HOOKS = "macros/hooks.py"


@dataclass
class Variants:
    """Config file names (in the project copy) and the extra environment each needs."""

    full: str
    prerendered: str
    plain: str
    prerendered_env: dict


def _copy_assets(docs_dir: Path, dest: Path) -> None:
    """Everything in docs/ that is not a page (stylesheets, scripts, icon)."""
    shutil.copytree(docs_dir, dest, dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n.endswith(".md") or n.startswith("_")])


def prepare(project: Path, work: Path, site_url: str) -> Variants:
    """Run the capture build of `project` and write the two derived configs next to its mkdocs.yml."""
    config = mkdocs_yaml.load(project / "mkdocs.yml")
    hooks = list(config.get("hooks") or [])
    if OUR_HOOKS not in hooks:
        raise RuntimeError(f"{OUR_HOOKS} is not in mkdocs.yml's hooks ({hooks}): update benchmarks/prerender.py")
    capture = work / "prerendered"
    if capture.exists():
        shutil.rmtree(capture)
    mkdocs_yaml.dump({**config, "hooks": [*hooks, str(CAPTURE_HOOK)]}, project / "mkdocs-bench-capture.yml")
    projects.mkdocs_build(project, work / "site-capture", work / "logs" / "capture.log", site_url,
                          config="mkdocs-bench-capture.yml", DNG_BENCH_CAPTURE_DIR=str(capture))
    docs_dir = project / config.get("docs_dir", "docs")
    for part in ("pages", "plain"):
        _copy_assets(docs_dir, capture / part)

    prerendered = mkdocs_yaml.with_plugin_options(config, "macros", render_by_default=False)
    prerendered.update(docs_dir=str(capture / "pages"), hooks=[*hooks, str(REPLAY_HOOK)])
    mkdocs_yaml.dump(prerendered, project / "mkdocs-bench-prerendered.yml")

    plain = mkdocs_yaml.without_plugin(config, "macros")
    plain.pop("hooks", None)
    plain["docs_dir"] = str(capture / "plain")
    mkdocs_yaml.dump(plain, project / "mkdocs-bench-plain.yml")
    return Variants("mkdocs.yml", "mkdocs-bench-prerendered.yml", "mkdocs-bench-plain.yml",
                    {"DNG_BENCH_EMBEDS_DIR": str(capture / "embeds")})
