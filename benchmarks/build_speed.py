"""Build speed and scale: `mkdocs build --strict` of 1×, 10× and 50× today's pages.

For each size, three builds of the same pages, timed in turn (median of the runs):

- full: the site as it is (macros plugin, our hooks: embeds, API, feeds, link check);
- pre-rendered: macros plugin and our hooks on, pages already rendered (benchmarks/prerender.py);
- plain: no macros plugin, no hooks, the pre-rendered pages and embeds as plain Markdown.

full / pre-rendered is the cost of the macro layer alone; full / plain is everything we add
to MkDocs and Material. The largest size is then profiled with cProfile.
"""

from __future__ import annotations

import statistics

from . import mdtable, prerender, profiling, projects, synthetic, targets
from .paths import ROOT, WORK_DIR
from .progress import say

NAME = "build"
TITLE = "Build speed and scale"
SITE_URL = "http://127.0.0.1:8000/"
ONE_X_LIMIT_S = 20.0
MACRO_LAYER_LIMIT = 1.25
LINEARITY_SLACK = 1.1  # N× may take up to 1.1 × N times the 1× build (50× ≤ 55 × 1×)
VARIANTS = ("full", "prerendered", "plain")


def _timings(samples: list[float]) -> dict:
    return {"median": round(statistics.median(samples), 3), "runs": [round(s, 3) for s in samples]}


def measure_size(multiple: int, runs: int) -> dict:
    project = WORK_DIR / f"scale-{multiple}x"
    work = project / "_bench"
    say(f"build: making the {multiple}× copy in {project.relative_to(ROOT)}")
    info = synthetic.make_scale_project(multiple, project)
    say(f"build: {multiple}×: {info['total_pages']} pages ({info['synthetic_pages']} synthetic); "
        "capture build (also the warm-up)")
    variants = prerender.prepare(project, work, SITE_URL)
    configs = {"full": (variants.full, {}), "prerendered": (variants.prerendered, variants.prerendered_env),
               "plain": (variants.plain, {})}
    samples: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for run in range(1, runs + 1):
        for variant in VARIANTS:  # interleaved, so a burst of load elsewhere hits all three alike
            config, env = configs[variant]
            seconds = projects.mkdocs_build(project, work / f"site-{variant}", work / "logs" / f"{variant}-{run}.log",
                                            SITE_URL, config=config, **env)
            samples[variant].append(seconds)
            say(f"build: {multiple}× {variant} run {run}/{runs}: {seconds:.2f} s")
    medians = {v: statistics.median(samples[v]) for v in VARIANTS}
    pages = {v: projects.count_pages(work / f"site-{v}") for v in ("full", "plain")}
    return {
        **info,
        "html_pages": pages,
        **{f"{v}_s": _timings(samples[v]) for v in VARIANTS},
        "macro_layer_ratio": round(medians["full"] / medians["prerendered"], 3),
        "full_over_plain": round(medians["full"] / medians["plain"], 3),
        "ms_per_html_page": round(medians["full"] / pages["full"]["total"] * 1000, 2),
    }


def _checks(sizes: list[dict]) -> list[dict]:
    checks = []
    by_multiple = {s["multiple"]: s for s in sizes}
    one = by_multiple.get(1)
    if one:
        checks.append(targets.at_most("1× full build (median)", one["full_s"]["median"], ONE_X_LIMIT_S, "s"))
    for size in sizes:
        checks.append(targets.at_most(f"{size['multiple']}× macro layer: full / pre-rendered",
                                      size["macro_layer_ratio"], MACRO_LAYER_LIMIT, "×", digits=3))
    for size in sizes:
        if one and size["multiple"] > 1:
            factor = LINEARITY_SLACK * size["multiple"]
            checks.append(targets.at_most(f"{size['multiple']}× full build ≤ {factor:g} × 1×",
                                          size["full_s"]["median"], round(factor * one["full_s"]["median"], 2), "s"))
    return checks


def run(options) -> dict:
    sizes = [measure_size(multiple, options.runs) for multiple in sorted(options.sizes)]
    largest = sizes[-1]
    project = WORK_DIR / f"scale-{largest['multiple']}x"
    prof_file = WORK_DIR / f"profile-{largest['multiple']}x.prof"
    say(f"build: profiling the {largest['multiple']}× full build with cProfile")
    wall = profiling.profile_build(project, project / "_bench", SITE_URL, prof_file)
    profile = {"multiple": largest["multiple"], "prof_file": str(prof_file.relative_to(ROOT)),
               "wall_s_with_profiler": round(wall, 2), **profiling.analyse(prof_file, project)}
    return {
        "figures": {"site_url": SITE_URL, "runs": options.runs, "sizes": sizes, "profile": profile},
        "checks": _checks(sizes),
    }


def _size_rows(sizes: list[dict]) -> list[list]:
    rows = []
    for s in sizes:
        rows.append([f"{s['multiple']}×", s["total_pages"], s["html_pages"]["full"]["total"],
                     f"{s['full_s']['median']:.2f}", f"{s['prerendered_s']['median']:.2f}",
                     f"{s['plain_s']['median']:.2f}", f"{s['macro_layer_ratio']:.3f}×",
                     f"{s['full_over_plain']:.2f}×", f"{s['ms_per_html_page']:.1f}"])
    return rows


def _density_rows(sizes: list[dict]) -> list[list]:
    real = sizes[0]["real_density"]
    synthetic_density = next((s["synthetic_density"] for s in reversed(sizes) if s["synthetic_density"]), None)
    rows = []
    for kind in synthetic.INLINE_KINDS + synthetic.BLOCK_KINDS:
        made = synthetic_density["per_1000_words"].get(kind, 0) if synthetic_density else "–"
        rows.append([f"`{kind}()`", real["per_1000_words"].get(kind, 0), made])
    rows.append(["words per page", real["words_per_page"], synthetic_density["words_per_page"] if synthetic_density
                 else "–"])
    rows.append(["h2 sections per page", real["h2_per_page"], synthetic_density["h2_per_page"] if synthetic_density
                 else "–"])
    rows.append(["keys per `cite()`", real["keys_per_cite"], synthetic_density["keys_per_cite"] if synthetic_density
                 else "–"])
    return rows


def to_markdown(section: dict) -> str:
    fig = section["figures"]
    sizes = fig["sizes"]
    profile = fig["profile"]
    out = [mdtable.checks_table(section["checks"]),
           f"Wall-clock seconds of `mkdocs build --strict` (not quiet) in a subprocess, median of {fig['runs']} "
           "run(s) each, the three variants timed in turn. HTML pages = every `index.html` written "
           "(full pages, their embed copies, redirect stubs).\n",
           mdtable.table(["size", "source pages", "HTML pages", "full (s)", "pre-rendered (s)", "plain (s)",
                          "macro layer (full / pre-rendered)", "full / plain", "ms per HTML page"],
                         _size_rows(sizes), "lrrrrrrrr"),
           "What each variant contains:\n",
           "- **full**: the project as it is: the `macros` plugin renders every page and embed copy, and our "
           "plugin (`macros/plugin.py`, through `macros/hooks.py`) adds the embed copies, write the API, oEmbed, feed, loader and headers, "
           "and check every link.",
           "- **pre-rendered**: the same `macros` plugin and our plugin (it loads and validates the data and pages in its `on_config`; "
           "it needs no rendering) and the same hooks, but every page is the final Markdown a capture build saved "
           "(macros already expanded, reference list already appended). The plugin runs with "
           "`render_by_default: false`, so our plugin renders nothing and appends no reference list, and "
           "the embed copies are the saved, rendered ones (`benchmarks/replay_hook.py`). The built HTML is "
           "byte-identical to the full build's, so *full / pre-rendered* is the cost of the macro layer alone.",
           "- **plain**: no `macros` plugin and no hooks; the saved pages and embed copies are ordinary Markdown "
           "files (front matter kept, plus the `dng` values our hooks compute for the templates). Same HTML pages "
           "except the three redirect stubs, and no API, feed or link check: *full / plain* is everything we add "
           "to MkDocs and Material (informational, no target).\n",
           "Synthetic pages (`docs/synthetic/`, in the nav in sections of 50) match the real pages' length, "
           "sections and macro density (calls per 1,000 words of prose, macro calls not counted as words):\n",
           mdtable.table(["per 1,000 words", "real pages", "synthetic pages"], _density_rows(sizes), "lrr"),
           "Copies are made without `.git`, and git is stopped at `benchmarks/.work` (GIT_CEILING_DIRECTORIES); "
           "the build reads no git history (dates come from `macros/data/changes.yml`, where one entry names "
           "every synthetic page).\n",
           f"### Profile of the {profile['multiple']}× full build\n",
           f"cProfile of one `mkdocs build --strict` ({profile['wall_s_with_profiler']} s wall-clock with the "
           f"profiler, {profile['total_s']} s profiled); saved as `{profile['prof_file']}` "
           "(`python -m pstats` to explore). Self time per owner of the code; built-in and standard-library time "
           "is charged to its callers. cProfile adds a cost to every call, so code made of many small calls "
           "(Markdown's inline patterns, Jinja's lexer) weighs more here than in an unprofiled build: read the "
           "shares as where to look, not as exact seconds.\n",
           mdtable.table(["where the time goes", "seconds", "share"],
                         [[g["group"], f"{g['self_s']:.2f}", f"{g['share'] * 100:.1f}%"] for g in profile["groups"]],
                         "lrr"),
           "Who calls the expensive entry points (calls, and time spent in them for that caller):\n",
           _entry_points_table(profile.get("entry_points", [])),
           "Top 20 functions by cumulative time:\n",
           _functions_table(profile["top_cumulative"]),
           "Top 20 functions by self time:\n",
           _functions_table(profile["top_self"])]
    return "\n".join(out)


def _entry_points_table(entries: list[dict]) -> str:
    rows = [[f"`{e['function']}`", f"`{c['caller']}`", c["group"], c["calls"], c["cumulative_s"]]
            for e in entries for c in e["callers"]]
    return mdtable.table(["entry point", "called by", "group", "calls", "seconds"], rows, "lllrr")


def _functions_table(rows: list[dict]) -> str:
    return mdtable.table(["function", "group", "calls", "self (s)", "cumulative (s)"],
                         [[f"`{r['function']}`", r["group"], r["calls"], r["self_s"], r["cumulative_s"]] for r in rows],
                         "llrrr")


def summary_rows(section: dict) -> list[list]:
    return mdtable.summary_rows(section["checks"])
