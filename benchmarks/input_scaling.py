"""How the fast path's time grows with the size and shape of one text.

    .venv/bin/python benchmarks/input_scaling.py [--sizes 10000,30000,100000]

``unspun.check`` on one text of each size (words) in several shapes: news prose (BBC test
articles joined), prose spun with MyThes at 0.2, prose all on one line, and a text thick with
a spinner's filler ("and also", "actually" in every sentence). Prints seconds per size and the
ratio of the largest size's time per word to the smallest's: about 1 where the time grows
linearly. An audit (session 55) found the filler shape quadratic (a scan of every filler
phrase for every swap candidate: 120,000 words in 44 s); this keeps it measured. Peak memory
is the process's (``resource``), after all rows. Texts stop at the size limit
(``MAX_CHECK_CHARS``).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable

import unspun
from unspun.config import MAX_CHECK_CHARS
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource

FILLER_SENTENCE = "The firm said and also that it had actually grown, as well as its rivals."


def prose(words: int) -> str:
    _, test = bbc_split()
    joined: list[str] = []
    count = 0
    while count < words:
        for document in test:
            joined.append(document.text)
            count += len(document.text.split())
            if count >= words:
                break
    return "\n\n".join(joined)


def words_of(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` (its line breaks kept), within the size limit."""
    kept = text.split(" ")[:words]
    return " ".join(kept)[:MAX_CHECK_CHARS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    largest = max(sizes)
    base = prose(largest)
    spun = Spinner(MyThesSource(), rate=0.2, seed=1).spin(base).text
    shapes: dict[str, Callable[[int], str]] = {
        "news prose": lambda n: words_of(base, n),
        "prose spun with MyThes at 0.2": lambda n: words_of(spun, n),
        "prose on one line": lambda n: words_of(" ".join(base.split()), n),
        "filler in every sentence": lambda n: words_of(" ".join([FILLER_SENTENCE] * (n // 14 + 1)), n),
    }
    unspun.check("A first text loads the engine and its tables, outside the timings.")
    print("| shape | " + " | ".join(f"{size:,} words (s)" for size in sizes) + " | time per word, largest / smallest |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for name, make in shapes.items():
        seconds = []
        for size in sizes:
            text = make(size)
            started = time.perf_counter()
            unspun.check(text)
            seconds.append((time.perf_counter() - started, len(text.split())))
        (small, small_words), (large, large_words) = seconds[0], seconds[-1]
        ratio = (large / large_words) / (small / small_words)
        print(f"| {name} | " + " | ".join(f"{s:.1f}" for s, _ in seconds) + f" | {ratio:.2f} |", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of the process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
