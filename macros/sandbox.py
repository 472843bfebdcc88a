"""Page Jinja in a sandbox, with errors reported as `file:line: message — hint`.

mkdocs-macros 1.5.0 renders pages in a plain Jinja environment: a page could
reach Python internals (`{{ cycler.__init__.__globals__ }}`) and so the build's
secrets. It offers no public switch, so we replace its private `_env` attribute
with an immutable sandboxed copy (the plugin version is pinned; a test builds a
hostile page to prove this holds). Templates are also wrapped so that a macro
error becomes one clear log line instead of the plugin's traceback dump.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import ContentError, Problem, did_you_mean, report
from .markup import template_line


@dataclass
class Where:
    """Which file a template came from and how many lines precede its first line."""

    path: str = "<unknown>"
    offset: int = 0


def _hint_for(err: BaseException, names: list[str]) -> str:
    if isinstance(err, SecurityError):
        return "pages may only call the site's macros (term, cite, grade, ...); see CONTRIBUTING.md"
    if isinstance(err, UndefinedError):
        bad = str(err).split("'")[1] if "'" in str(err) else ""
        return did_you_mean(bad, names, "CONTRIBUTING.md (list of macros)")
    if isinstance(err, TemplateSyntaxError):
        return "check that every '{{' has a matching '}}' and every '{%' a matching '%}'"
    return "see CONTRIBUTING.md"


class _ReportingTemplate:
    def __init__(self, template, env: PageEnvironment):
        self._template = template
        self._env = env

    def render(self, *args, **kwargs) -> str:
        try:
            return self._template.render(*args, **kwargs)
        except ContentError as err:
            return self._env.fail(err.message, err.hint, template_line(err))
        except (TemplateError, SecurityError) as err:
            return self._env.fail(_message(err), _hint_for(err, self._env.names()), template_line(err))


def _message(err: BaseException) -> str:
    if isinstance(err, UndefinedError):
        return f"undefined name in a macro call: {err}"
    if isinstance(err, SecurityError):
        return f"forbidden template code: {err}"
    if isinstance(err, TemplateSyntaxError):
        return f"Jinja syntax error: {err.message}"
    return f"template error: {err}"


class PageEnvironment(ImmutableSandboxedEnvironment):
    """The sandboxed environment pages render in."""

    where: Where

    def names(self) -> list[str]:
        return sorted(self.globals)

    def fail(self, message: str, hint: str, line: int | None) -> str:
        line_no = self.where.offset + line if line else None
        problem = Problem(self.where.path, line_no, message, hint)
        report(problem)
        return f'\n\n!!! failure "Build error"\n    {problem.format()}\n\n'

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        try:
            template = super().from_string(source, globals, template_class)
        except TemplateSyntaxError as err:
            message = self.fail(_message(err), _hint_for(err, self.names()), err.lineno)
            return super().from_string("{% raw %}" + message + "{% endraw %}")
        return _ReportingTemplate(template, self)


def install(plugin_env) -> PageEnvironment:
    """Swap the plugin's Jinja environment for a sandboxed one with the same settings."""
    old = plugin_env._env  # private in mkdocs-macros 1.5.0, see module docstring
    if isinstance(old, PageEnvironment):
        return old
    new = PageEnvironment(
        loader=old.loader,
        undefined=old.undefined,
        block_start_string=old.block_start_string,
        block_end_string=old.block_end_string,
        variable_start_string=old.variable_start_string,
        variable_end_string=old.variable_end_string,
        comment_start_string=old.comment_start_string,
        comment_end_string=old.comment_end_string,
    )
    new.globals.update(old.globals)
    new.filters.update(old.filters)
    new.where = Where()
    plugin_env._env = new
    return new
