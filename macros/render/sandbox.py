"""The render layer's one Jinja environment: an allow-list sandbox for pages and data text.

mkdocs-macros 1.5.0 renders pages in a plain Jinja environment and hands them
`page`, `files`, `navigation`, `config` and plugin globals (`range`,
`namespace`, ...), whose public methods can read and write files. It offers no
public switch, so we replace its private `_env` attribute (the plugin version is
pinned; tests build hostile pages to prove this holds) with `RenderEnvironment`,
which:

- accepts a template only if its syntax tree passes `templaterules.violations`
  (text and literal macro calls; checked before anything is compiled);
- holds no globals, filters or tests: each rendering passes the macro table
  bound to its own render context (`bind`), nothing else;
- renders with no variables at all: the page, front matter and plugin
  variables mkdocs-macros passes are dropped (only `page` is read, to find the
  page's render context);
- allows calling only functions marked as macros, and reading no attribute of
  any object (a macro's dict result is read by key, as `counts().references`);
- renders a page section by section and keeps each compiled section for the
  build, so a page and its embed copies compile its text once;
- reports every mistake as `file:line: message — hint` and renders the rest.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from macros.errors import ContentError, Problem
from macros.render import templaterules

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page
    from mkdocs_macros.plugin import MacrosPlugin

    from macros.render.context import Macro, RenderContext

MACRO_MARK = "dng_macro"
H2_START = re.compile(r"^##(?!#)\s")
FENCE = re.compile(r"^(```|~~~)")
# What a template may call: a macro with its render context filled in (see `bind`).
BoundMacro = Callable[..., object]
F = TypeVar("F", bound=BoundMacro)


def mark_macro(func: F) -> F:
    """Mark a callable as one pages may call (functools.partial objects accept attributes too)."""
    setattr(func, MACRO_MARK, True)
    return func


class MacroSandbox(ImmutableSandboxedEnvironment):
    """A sandbox whose only callables are marked macros and whose objects expose no attributes."""

    def __init__(self, **options: Any) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False, **templaterules.JINJA_OPTIONS, **options)
        self.globals.clear()  # range, namespace, cycler, joiner, lipsum, dict
        self.filters.clear()
        self.tests.clear()

    def is_safe_callable(self, obj: object) -> bool:
        return getattr(obj, MACRO_MARK, False) is True

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return False


def bind(table: Mapping[str, Macro], ctx: RenderContext) -> dict[str, BoundMacro]:
    """A macro table's functions with the render context filled in, each marked callable."""
    return {name: mark_macro(functools.partial(func, ctx)) for name, func in table.items()}


@dataclass(frozen=True)
class Where:
    """Which file a template came from and how many lines precede its first line."""

    path: str = "<unknown>"
    offset: int = 0


class RenderEnvironment(MacroSandbox):
    """The render layer's one Jinja environment, for page Markdown and data text alike.

    It holds no globals: each rendering passes the macro table bound to its own render
    context, so a template is a pure function of that context. Compiled templates are
    kept for the build (the same data text renders on many pages)."""

    def __init__(self, report: Callable[[Problem], None]) -> None:
        super().__init__()
        self.report = report
        self._compiled: dict[str, Template] = {}
        self._violations: dict[tuple[str, tuple[str, ...]], list[templaterules.Violation]] = {}
        # Set by the plugin: (mkdocs page, Markdown) -> rendered Markdown.
        self.page_renderer: Callable[[Page, str], str] | None = None

    def compiled(self, text: str) -> Template:
        template = self._compiled.get(text)
        if template is None:
            template = self._compiled[text] = super().from_string(text)
        return template

    def fail(self, where: Where, message: str, hint: str, line: int | None) -> str:
        """Report one problem at `where` and return what the page shows in place of the failed code."""
        problem = Problem(where.path, where.offset + line if line else None, message, hint)
        self.report(problem)
        return f" **Build error: {problem.format()}** "

    def fail_content(self, where: Where, err: ContentError, line: int | None) -> str:
        """Report a macro's ContentError: at the data file and line it names (a mistake in data
        text is the data file's, not the page's that shows it), else at the page's line."""
        if err.path:
            problem = err.problem()
            self.report(problem)
            return f" **Build error: {problem.format()}** "
        return self.fail(where, err.message, err.hint, line)

    def violations(self, text: str, names: tuple[str, ...]) -> list[templaterules.Violation]:
        """The syntax-tree rule's verdict on `text`, kept for the build (a section is checked once
        although the page, its whole-page embed and its section embed all render it)."""
        key = (text, names)
        found = self._violations.get(key)
        if found is None:
            found = self._violations[key] = templaterules.violations(text, names)
        return found

    def render_page(self, source: str, table: dict[str, BoundMacro], where: Where) -> str:
        """A page's Markdown with its macro calls run; every mistake reported at its file and line.

        The page is rendered section by section (split before each h2), each section compiled
        once for the build: the page, its whole-page embed and each section embed share them."""
        names = tuple(sorted(table))
        rendered: list[str] = []
        offset = where.offset
        chunks = section_chunks(source)
        for number, chunk in enumerate(chunks, start=1):
            text = self._render_chunk(chunk, table, names, Where(where.path, offset))
            # Jinja drops one newline at the end of a template: only the page's last one goes.
            rendered.append(text + "\n" if number < len(chunks) and chunk.endswith("\n") else text)
            offset += chunk.count("\n")
        return "".join(rendered)

    def _render_chunk(self, source: str, table: dict[str, BoundMacro], names: tuple[str, ...], where: Where) -> str:
        messages = ""
        found = self.violations(source, names)
        if found:
            messages = "".join(self.fail(where, v.message, v.hint, v.line) for v in found)
            # The page without the refused code still renders (its sections, links and anchors stay
            # whole), so one mistake is reported once, not again as broken links; then the messages.
            rest = templaterules.allowed_only(source, list(names))
            if rest is None or self.violations(rest, names):
                return messages
            source = rest
        macros = {name: _reporting_macro(self, where, func) for name, func in table.items()}
        try:
            return self.compiled(source).render(macros) + messages
        except ContentError as err:
            return self.fail_content(where, err, templaterules.template_line(err)) + messages
        except (TemplateError, SecurityError) as err:
            return self.fail(where, f"forbidden template code: {err}", "pages may only call the site's macros",
                             templaterules.template_line(err)) + messages
        except Exception as err:  # noqa: BLE001 - any failure in an editor's text is one clear message
            return self.fail(where, f"this macro call failed: {type(err).__name__}: {err}",
                             "check the values given to the macro", templaterules.template_line(err)) + messages

    def from_string(  # type: ignore[override]  # for mkdocs-macros, which calls only render() on the result
        self, source: str, globals: Mapping[str, Any] | None = None, template_class: type[Template] | None = None,
    ) -> _PageTemplate:
        # mkdocs-macros calls this, then render(**its variables): the page is known only then.
        return _PageTemplate(self, source)


class _PageTemplate:
    """What mkdocs-macros renders: of the variables it passes, only `page` is read, to find
    the page's render context; nothing of them reaches the template."""

    def __init__(self, env: RenderEnvironment, source: str) -> None:
        self._env, self._source = env, source

    def render(self, *args: object, **variables: Any) -> str:
        if self._env.page_renderer is None:
            raise RuntimeError("no page renderer is installed")
        return self._env.page_renderer(variables["page"], self._source)  # mkdocs-macros always passes it


def section_chunks(text: str) -> list[str]:
    """`text` cut before each h2 heading outside code fences; the pieces join back to `text`."""
    chunks: list[str] = []
    current: list[str] = []
    in_fence = False
    for line in text.splitlines(keepends=True):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        elif not in_fence and H2_START.match(line) and current:
            chunks.append("".join(current))
            current = []
        current.append(line)
    if current or not chunks:
        chunks.append("".join(current))
    return chunks


def _template_frame_line() -> int | None:
    """The line of the page being rendered, from the template's frame on the call stack."""
    for frame in inspect.stack(0):
        template: Template | None = frame.frame.f_globals.get("__jinja_template__")
        if frame.filename == "<template>" and template is not None:
            # Python's line in Jinja's generated code, mapped back as Jinja's tracebacks do.
            return template.get_corresponding_lineno(frame.lineno)
    return None


def _reporting_macro(env: RenderEnvironment, where: Where, func: BoundMacro) -> BoundMacro:
    """A macro whose failure becomes one `path:line` message in place of its output, so the
    rest of the page still renders (and its sections, anchors and embeds stay whole)."""
    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> object:
        try:
            return func(*args, **kwargs)
        except ContentError as err:
            return env.fail_content(where, err, _template_frame_line())
        except Exception as err:  # noqa: BLE001 - any failure in an editor's call is one clear message
            return env.fail(where, f"this macro call failed: {type(err).__name__}: {err}",
                            "check the values given to the macro", _template_frame_line())
    return mark_macro(call)


def install(plugin_env: MacrosPlugin, environment: RenderEnvironment) -> None:
    """Make `environment` the one mkdocs-macros renders pages with (see the module docstring)."""
    plugin_env._env = environment  # private in mkdocs-macros 1.5.0
