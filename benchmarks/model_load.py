"""How long loading the language model takes in a fresh process, its copy already cached.

    .venv/bin/python benchmarks/model_load.py [--runs 7]

Each run starts a new Python that calls ``unspun.deep.load_lm()`` once and reports
``unspun.deep._lm.last_load()``: the seconds in all, of which importing torch, and the rest
(checking the cached copy's digests, reading its weights, building the model). Prints a
Markdown row of medians and ranges: the load every ``--deep`` process pays once, before its
first page. Needs the deep extra and a built copy (the first deep check builds it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_ONE_LOAD = (
    "import json; from unspun.deep import _lm; _lm.load_lm(); info = _lm.last_load(); "
    "print(json.dumps([info.seconds, info.import_seconds, info.built_cache]))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    loads = []
    for _ in range(args.runs):
        done = subprocess.run([sys.executable, "-c", _ONE_LOAD], capture_output=True, text=True, check=True)
        seconds, imported, built = json.loads(done.stdout.splitlines()[-1])
        if built:
            continue  # the copy was built by this run: not the load this measures
        loads.append((seconds, imported, seconds - imported))
    if not loads:
        sys.exit("every run built the copy; run again")
    print("| runs | load in all (s) | importing torch (s) | the rest: digests, weights, model (s) |")
    print("|---|---|---|---|")
    cells = []
    for column in range(3):
        values = [load[column] for load in loads]
        cells.append(f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})")
    print(f"| {len(loads)} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
