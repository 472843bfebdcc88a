"""Where a build spends its time: cProfile of `mkdocs build`, grouped by who owns the code.

Self time (cProfile's tottime) is summed per group, so the groups add up to the
whole run. Time in built-ins and the standard library belongs to nobody by
itself; it is handed to the groups of its callers, in proportion to the time
each caller spent in it (through other standard-library callers too).
"""

from __future__ import annotations

import pstats
import sysconfig
from pathlib import Path

from . import projects

OURS = "our macros package (macros/)"
PLUGIN = "mkdocs-macros plugin"
JINJA_COMPILE = "Jinja: compiling templates (lexer, parser, code generation)"
JINJA_RUN = "Jinja: rendering (runtime, page templates, MarkupSafe)"
MARKDOWN = "Markdown + pymdownx (+ Pygments)"
THEME = "Material theme: template code (incl. overrides/), theme Python"
SEARCH = "Material search plugin (index)"
MKDOCS = "MkDocs core"
YAML = "PyYAML (front matter, data files, embed front matter)"
OTHER = "other (pydantic, click, ...; unattributed stdlib)"
GROUP_ORDER = [OURS, PLUGIN, JINJA_COMPILE, JINJA_RUN, MARKDOWN, THEME, SEARCH, MKDOCS, YAML, OTHER]
_JINJA_COMPILER_FILES = ("lexer.py", "parser.py", "compiler.py", "nodes.py", "visitor.py", "idtracking.py",
                         "optimizer.py")
_JINJA_COMPILER_FUNCTIONS = ("compile", "_compile", "_parse", "_tokenize", "_generate", "from_string", "parse",
                             "lex", "preprocess", "iter_extensions")

# Path markers of installed packages, most specific first.
_LIBRARIES = (("/mkdocs_macros/", PLUGIN), ("/markupsafe/", JINJA_RUN), ("/markdown/", MARKDOWN),
              ("/pymdownx/", MARKDOWN), ("/pygments/", MARKDOWN), ("/material/plugins/search/", SEARCH),
              ("/material/", THEME), ("/mkdocs/", MKDOCS), ("/yaml/", YAML))
_STDLIB = (sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])
Func = tuple[str, int, str]


def _owner(func: Func, project: Path) -> str | None:
    """The group of a function, or None for built-ins and the standard library."""
    path, _line, name = func[0].replace("\\", "/"), func[1], func[2]
    if path == "<template>":  # a page's Markdown compiled by mkdocs-macros' Jinja
        return JINJA_RUN
    if "/jinja2/" in path:
        compiling = path.endswith(_JINJA_COMPILER_FILES) or (path.endswith("/environment.py")
                                                           and name in _JINJA_COMPILER_FUNCTIONS)
        return JINJA_COMPILE if compiling else JINJA_RUN
    if path.startswith(str(project / "macros")):
        return OURS
    if path.endswith(".html") or path.endswith(".xml"):  # a compiled Jinja template of the theme
        return THEME
    for marker, group in _LIBRARIES:
        if marker in path:
            return group
    if path == "~" or path.startswith("<") or (path.startswith(_STDLIB) and "site-packages" not in path):
        return None
    return OTHER


def attribute(stats: dict, project: Path, rounds: int = 50) -> dict[Func, dict[str, float]]:
    """For every function, the groups its self time belongs to, as shares adding up to (at most) 1.

    Owned code belongs to its owner. A built-in or standard-library function takes the
    shares of its callers, weighted by the time it spent for each; since those callers
    may be unowned too, this is iterated until it settles. Whatever stays unresolved
    (recursion with no owned caller) is reported as "other".
    """
    owners = {func: _owner(func, project) for func in stats}
    shares: dict[Func, dict[str, float]] = {f: {o: 1.0} for f, o in owners.items() if o is not None}
    unowned = [f for f, o in owners.items() if o is None]
    for _ in range(rounds):
        changed = False
        for func in unowned:
            callers = stats[func][4]
            weights = {c: v[2] for c, v in callers.items() if c in shares and v[2] > 0}
            total = sum(v[2] for c, v in callers.items() if v[2] > 0)
            if not total:
                continue
            new: dict[str, float] = {}
            for caller, weight in weights.items():
                for group, share in shares[caller].items():
                    new[group] = new.get(group, 0.0) + share * weight / total
            old = shares.get(func, {})
            if any(abs(new.get(g, 0.0) - old.get(g, 0.0)) > 1e-6 for g in set(new) | set(old)):
                shares[func] = new
                changed = True
        if not changed:
            break
    return shares


def _label(func: Func, project: Path) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    short = filename.replace(str(project) + "/", "")
    if "site-packages/" in short:
        short = short.split("site-packages/", 1)[1]
    elif short.startswith(_STDLIB):
        short = "stdlib/" + short.split("/lib/python", 1)[1].split("/", 1)[1]
    return f"{short}:{line}({name})"


# Entry points worth splitting by caller: who asks for Markdown, Jinja compiles and YAML.
ENTRY_POINTS = (("markdown/core.py", "convert"), ("markdown/core.py", "markdown"),
                ("jinja2/environment.py", "from_string"), ("yaml/__init__.py", "safe_dump"),
                ("yaml/__init__.py", "load"))


def callers_of(raw: dict, project: Path, file_suffix: str, name: str) -> list[dict]:
    """Who calls one function, with how often and the time spent in it for them."""
    func = next((f for f in raw if f[0].replace("\\", "/").endswith(file_suffix) and f[2] == name), None)
    if func is None:
        return []
    rows = [{"caller": _label(caller, project), "group": _owner(caller, project) or "built-in / stdlib",
             "calls": values[1], "cumulative_s": round(values[3], 3)}
            for caller, values in raw[func][4].items()]
    return sorted(rows, key=lambda r: -r["cumulative_s"])


def analyse(prof_file: Path, project: Path, top: int = 20) -> dict:
    stats = pstats.Stats(str(prof_file))
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    shares = attribute(raw, project)
    groups = dict.fromkeys(GROUP_ORDER, 0.0)
    for func, (_cc, _nc, tottime, _ct, _callers) in raw.items():
        owned = shares.get(func, {})
        for group, share in owned.items():
            groups[group] += tottime * share
        groups[OTHER] += tottime * max(0.0, 1.0 - sum(owned.values()))

    def row(func: Func) -> dict:
        cc, nc, tottime, cumtime, _ = raw[func]
        owner = _owner(func, project)
        return {"function": _label(func, project), "group": owner or "built-in / stdlib", "calls": nc,
                "self_s": round(tottime, 3), "cumulative_s": round(cumtime, 3)}

    by_cumulative = sorted(raw, key=lambda f: raw[f][3], reverse=True)[:top]
    by_self = sorted(raw, key=lambda f: raw[f][2], reverse=True)[:top]
    return {
        "total_s": round(total, 2),
        "groups": [{"group": g, "self_s": round(s, 2), "share": round(s / total, 4) if total else 0.0}
                   for g, s in groups.items()],
        "top_cumulative": [row(f) for f in by_cumulative],
        "top_self": [row(f) for f in by_self],
        "entry_points": [{"function": f"{suffix}({name})", "callers": callers_of(raw, project, suffix, name)[:6]}
                         for suffix, name in ENTRY_POINTS],
    }


def profile_build(project: Path, work: Path, site_url: str, prof_file: Path) -> float:
    """One `mkdocs build --strict` under cProfile; returns its wall-clock seconds (with profiler overhead)."""
    prof_file.parent.mkdir(parents=True, exist_ok=True)
    seconds = projects.mkdocs_build(project, work / "site-profile", work / "logs" / "profile.log", site_url,
                                    python_args=("-m", "cProfile", "-o", str(prof_file)))
    if not prof_file.exists():
        raise RuntimeError(f"cProfile wrote no {prof_file}")
    return seconds
