"""Page Jinja in an allow-list sandbox, with errors reported as `file:line: message — hint`.

mkdocs-macros 1.5.0 renders pages in a plain Jinja environment and hands them
`page`, `files`, `navigation`, `config` and plugin globals (`range`,
`namespace`, ...), whose public methods can read and write files. It offers no
public switch, so we replace its private `_env` attribute (the plugin version is
pinned; tests build hostile pages to prove this holds) with an environment that:

- accepts a template only if its syntax tree passes `templaterules.violations`
  (text and literal macro calls; checked before anything is compiled);
- holds no globals, filters or tests but the registered macros;
- renders with no variables at all: the page, front matter and plugin
  variables mkdocs-macros passes are dropped;
- allows calling only functions marked as macros, and reading no attribute of
  any object (a macro's dict result is read by key, as `counts().references`).
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import templaterules
from .errors import ContentError, Problem, report

MACRO_MARK = "dng_macro"


def mark_macro(func):
    """Mark a callable as one pages may call (functools.partial objects accept attributes too)."""
    setattr(func, MACRO_MARK, True)
    return func


class MacroSandbox(ImmutableSandboxedEnvironment):
    """A sandbox whose only callables are marked macros and whose objects expose no attributes."""

    def __init__(self, **options) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False, **templaterules.JINJA_OPTIONS, **options)
        self.globals.clear()  # range, namespace, cycler, joiner, lipsum, dict
        self.filters.clear()
        self.tests.clear()

    def is_safe_callable(self, obj) -> bool:
        return getattr(obj, MACRO_MARK, False) is True

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return False


@dataclass
class Where:
    """Which file a template came from and how many lines precede its first line."""

    path: str = "<unknown>"
    offset: int = 0


class _ReportingTemplate:
    def __init__(self, template, env: PageEnvironment):
        self._template = template
        self._env = env

    def render(self, *args, **kwargs) -> str:
        # mkdocs-macros passes every page and plugin variable here: none of them is rendered.
        try:
            return self._template.render()
        except ContentError as err:
            return self._env.fail(err.message, err.hint, templaterules.template_line(err))
        except (TemplateError, SecurityError) as err:
            return self._env.fail(f"forbidden template code: {err}", "pages may only call the site's macros",
                                  templaterules.template_line(err))
        except Exception as err:  # noqa: BLE001 - any failure in an editor's text is one clear message
            return self._env.fail(f"this macro call failed: {type(err).__name__}: {err}",
                                  "check the values given to the macro", templaterules.template_line(err))


class PageEnvironment(MacroSandbox):
    """The environment pages render in."""

    where: Where

    def names(self) -> list[str]:
        return sorted(self.globals)

    def fail(self, message: str, hint: str, line: int | None) -> str:
        line_no = self.where.offset + line if line else None
        problem = Problem(self.where.path, line_no, message, hint)
        report(problem)
        return f" **Build error: {problem.format()}** "

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        found = templaterules.violations(source, self.names())
        if found:
            messages = "".join(self.fail(v.message, v.hint, v.line) for v in found)
            # The page without the refused code still renders (its sections, links and anchors stay
            # whole), so one mistake is reported once, not again as broken links; then the messages.
            rest = templaterules.allowed_only(source, self.names())
            if rest is None or templaterules.violations(rest, self.names()):
                return _Fixed(messages)
            return _Suffixed(_ReportingTemplate(super().from_string(rest), self), messages)
        return _ReportingTemplate(super().from_string(source), self)


class _Suffixed:
    def __init__(self, template: _ReportingTemplate, suffix: str):
        self._template, self._suffix = template, suffix

    def render(self, *args, **kwargs) -> str:
        return self._template.render() + self._suffix


class _Fixed:
    def __init__(self, text: str):
        self._text = text

    def render(self, *args, **kwargs) -> str:
        return self._text


def _template_frame_line() -> int | None:
    """The line of the page being rendered, from the template's frame on the call stack."""
    for frame in inspect.stack(0):
        template = frame.frame.f_globals.get("__jinja_template__")
        if frame.filename == "<template>" and template is not None:
            # Python's line in Jinja's generated code, mapped back as Jinja's tracebacks do.
            return template.get_corresponding_lineno(frame.lineno)
    return None


def _reporting_macro(env: PageEnvironment, func):
    """A macro whose failure becomes one `path:line` message in place of its output, so the
    rest of the page still renders (and its sections, anchors and embeds stay whole)."""
    @functools.wraps(func)
    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ContentError as err:
            return env.fail(err.message, err.hint, _template_frame_line())
        except Exception as err:  # noqa: BLE001 - any failure in an editor's call is one clear message
            return env.fail(f"this macro call failed: {type(err).__name__}: {err}",
                            "check the values given to the macro", _template_frame_line())
    return mark_macro(call)


def install(plugin_env) -> PageEnvironment:
    """Swap the plugin's Jinja environment for the allow-list one, holding only the registered macros."""
    old = plugin_env._env  # private in mkdocs-macros 1.5.0, see module docstring
    if isinstance(old, PageEnvironment):
        return old
    new = PageEnvironment()
    new.globals.update({name: _reporting_macro(new, func) for name, func in plugin_env.macros.items()})
    new.where = Where()
    plugin_env._env = new
    return new
