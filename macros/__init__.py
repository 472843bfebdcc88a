"""Dry Needling Guide's code. mkdocs-macros loads this package as its module (`module_name: macros`).

Here it only hands mkdocs-macros our one render environment and macro table
(macros/render/table.py); the build itself is run by the plugin object in
macros/plugin.py, which MkDocs loads through macros/hooks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:
    """Called by mkdocs-macros after our plugin's on_config has made this build's Site."""
    from macros.plugin import plugin_of  # noqa: PLC0415 - mkdocs-macros imports this package first

    plugin_of(env.conf).register_macros(env)
