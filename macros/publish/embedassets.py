"""The embeds' stylesheet and scripts, made at build time from the site's own files.

Embeds load neither Material's CSS and JavaScript nor the whole of site.css and site.js: a section
embed's first visit must stay small (budgets.yml). Rules and behaviours they share with full pages
are still written once: site.css and site.js are cut into blocks at their "/* == name" lines, and
an embed's files are its own base plus the blocks named here, print rules and comments left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import rjsmin

ASSETS = Path(__file__).parent / "assets"
EMBED_BASE_CSS = ASSETS / "embed-base.css"
EMBED_CHILD_JS = ASSETS / "embed-child.js"
SITE_CSS = "assets/stylesheets/site.css"
SITE_JS = "assets/javascripts/site.js"

# Where embed pages find them (written by the plugin, see on_files).
EMBED_CSS = "assets/stylesheets/embed.css"
EMBED_JS = "assets/javascripts/embed-child.js"
# Only for an embed whose content has the FAQ's accordion (the whole FAQ page): embed.html asks.
EMBED_FOLDS_JS = "assets/javascripts/embed-folds.js"

# site.css blocks that style content (everything an embed can hold); the rest is full pages' chrome.
EMBED_CSS_BLOCKS = ("palette", "content", "pictures", "touch", "faqfold", "comparisons", "care cards", "faqacc")
# site.js blocks: terms and citations that open in place.
EMBED_JS_BLOCKS = ("tooltips", "touch")
EMBED_FOLDS_BLOCK = "folds"

BLOCK_START = re.compile(r"^/\* == ([^:=(]+?)\s*[:=(]", re.MULTILINE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class MissingBlock(ValueError):
    """A block named above is not in the site's file: someone renamed or removed its "/* == name" line."""


def blocks(text: str) -> dict[str, list[str]]:
    """The text of each block, by name (several blocks may share one name), in file order."""
    found: dict[str, list[str]] = {}
    starts = list(BLOCK_START.finditer(text))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        found.setdefault(match.group(1).strip(), []).append(text[match.start():end])
    return found


def pick(text: str, names: tuple[str, ...], where: str) -> str:
    found = blocks(text)
    missing = [name for name in names if name not in found]
    if missing:
        raise MissingBlock(f"{where}: no block named {', '.join(missing)} (a line starting '/* == <name>'); "
                           "embeds take those blocks: restore the line or change the list in "
                           "macros/publish/embedassets.py")
    return "".join(part for name in found if name in names for part in found[name])


def _without_print(css: str) -> str:
    """The CSS with every `@media print { ... }` block removed (embeds are not printed as pages)."""
    out, index = [], 0
    for match in re.finditer(r"@media\s+print\s*\{", css):
        if match.start() < index:
            continue
        depth, end = 1, match.end()
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        out.append(css[index:match.start()])
        index = end
    out.append(css[index:])
    return "".join(out)


def minify_css(css: str) -> str:
    """Comments and runs of white space out. Our stylesheets hold no string with "/*" or with
    significant runs of spaces (data: URLs are written without them), so this is safe for them."""
    css = CSS_COMMENT.sub("", css)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip() + "\n"


def embed_css(docs_dir: Path) -> str:
    site_css = (docs_dir / SITE_CSS).read_text(encoding="utf-8")
    shared = pick(site_css, EMBED_CSS_BLOCKS, f"docs/{SITE_CSS}")
    return minify_css(EMBED_BASE_CSS.read_text(encoding="utf-8") + _without_print(shared))


def _minify_js(source: str) -> str:
    minified: str = rjsmin.jsmin(source, keep_bang_comments=False)
    return minified + "\n"


def embed_js(docs_dir: Path) -> str:
    """embed-child.js, then the site.js blocks every embed runs (each block is its own function)."""
    site_js = (docs_dir / SITE_JS).read_text(encoding="utf-8")
    shared = pick(site_js, EMBED_JS_BLOCKS, f"docs/{SITE_JS}")
    return _minify_js(EMBED_CHILD_JS.read_text(encoding="utf-8") + "\n" + shared)


def embed_folds_js(docs_dir: Path) -> str:
    site_js = (docs_dir / SITE_JS).read_text(encoding="utf-8")
    return _minify_js(pick(site_js, (EMBED_FOLDS_BLOCK,), f"docs/{SITE_JS}"))


def generated(docs_dir: Path) -> dict[str, str]:
    """Every file this module writes, by its path under the site."""
    return {EMBED_CSS: embed_css(docs_dir), EMBED_JS: embed_js(docs_dir), EMBED_FOLDS_JS: embed_folds_js(docs_dir)}
