"""The fast path in the main thread against a worker thread: the garbage collector's pause.

    .venv/bin/python benchmarks/thread_speed.py [--documents 150] [--rounds 3]

``unspun._gc.collection_paused`` pauses the collector for a check in the main thread only
(the switch is process-wide: checks overlapping in a server's threads would keep it off, or
turn it on under each other). This times the cost of that choice for a check in another
thread: the same BBC test articles, checked once to warm every memo, then checked again in
the main thread and in one worker thread, alternating. Prints words per second per round.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import unspun
from unspun.eval.corpus import bbc_split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    _, test = bbc_split()
    texts = [document.text for document in test[: args.documents]]
    words = sum(len(text.split()) for text in texts)

    def check_all() -> float:
        began = time.perf_counter()
        for text in texts:
            unspun.check(text)
        return words / (time.perf_counter() - began)

    check_all()  # every word's options and every window memoised: the check itself is timed
    print("| round | main thread (words/s) | a worker thread (words/s) |")
    print("|---|---|---|")
    for round_number in range(1, args.rounds + 1):
        in_main = check_all()
        with ThreadPoolExecutor(1) as pool:
            in_worker = pool.submit(check_all).result()
        print(f"| {round_number} | {in_main:,.0f} | {in_worker:,.0f} |")


if __name__ == "__main__":
    main()
