"""The MkDocs entry point (`hooks:` in mkdocs.yml): one plugin object whose methods are the events.

MkDocs loads this file by path, once per process; the plugin makes a new Site for
every build in its on_config. The `macros` package is imported from the project
folder for as long as the import takes, so nothing is left on sys.path.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macros.plugin import DngPlugin


def _import_plugin_module() -> ModuleType:
    project = str(Path(__file__).resolve().parent.parent)
    sys.path.insert(0, project)
    try:
        return importlib.import_module("macros.plugin")
    finally:
        sys.path.remove(project)


plugin: DngPlugin = _import_plugin_module().DngPlugin()

on_config = plugin.on_config
on_files = plugin.on_files
on_nav = plugin.on_nav
on_page_markdown = plugin.on_page_markdown
on_page_content = plugin.on_page_content
on_env = plugin.on_env
on_page_context = plugin.on_page_context
on_post_page = plugin.on_post_page
on_post_build = plugin.on_post_build
on_build_error = plugin.on_build_error
