"""Benchmarks for the Dry Needling Guide site: `make bench` or `python -m benchmarks --help`.

Not tests: they measure (Lighthouse scores, build and rebuild times, transfer
sizes) and compare each figure with its target. Each benchmark is one module
with `run(options) -> dict` and `to_markdown(section) -> str`; `__main__`
runs the chosen ones and `report` writes results.json, RESULTS.md and the
README's figures block. Everything generated goes to benchmarks/.work/.
"""
