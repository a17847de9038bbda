"""Shared state under threads: one build of what every check shares, and the collector's pause
(an audit of the API under a server's thread pool, session 56)."""

import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import python_output
from unspun._gc import collection_paused
from unspun._once import built_once


def test_threads_that_ask_at_once_share_one_build() -> None:
    builds: list[int] = []

    @built_once()
    def table() -> list[int]:
        builds.append(1)
        time.sleep(0.05)  # long enough for every thread to miss before the first build ends
        return [1, 2, 3]

    start = threading.Barrier(8)

    def ask(_: int) -> list[int]:
        start.wait()
        return table()

    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(ask, range(8)))
    assert len(builds) == 1 and all(value is values[0] for value in values)
    table.cache_clear()
    assert table() is not values[0] and len(builds) == 2


def test_values_are_kept_per_argument_up_to_the_limit() -> None:
    @built_once(limit=2)
    def square(n: int) -> list[int]:
        return [n * n]

    first = square(1)
    assert square(1) is first and square(2) == [4]
    square(3)  # the oldest (1) is forgotten
    assert square(1) is not first and square(1) == [1]


def test_the_shared_engines_are_one_object_in_every_thread() -> None:
    # A fresh process, as a server's first requests find it (each thread built its own
    # engine before); not this one, whose later tests keep the engines they were given.
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from unspun.detect.engine import Engine\n"
        "from unspun.detect.known_phrases import KnownPhraseMatcher\n"
        "from unspun.detect.ngram import TrigramModel\n"
        "with ThreadPoolExecutor(4) as pool:\n"
        "    found = list(pool.map(lambda _: (Engine.default(), TrigramModel.default(), KnownPhraseMatcher.default()),"
        " range(8)))\n"
        "print(len({id(parts) for row in found for parts in row}))\n"
    )
    assert python_output(code).strip() == "3"


def test_keywords_and_positions_make_different_keys() -> None:
    @built_once(limit=4)
    def pair(*args: object, **kwargs: object) -> tuple[object, object]:
        return args, kwargs

    assert pair(1, n=2) == ((1,), {"n": 2}) and pair((1,), (("n", 2),)) == (((1,), (("n", 2),)), {})


def test_a_shared_builder_pickles_by_name_as_a_function_does() -> None:
    import pickle

    from unspun.detect import term_sources

    assert pickle.loads(pickle.dumps(term_sources.technical_terms)) is term_sources.technical_terms


def test_only_the_main_thread_pauses_the_collector() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # nested: resumes once, at the outermost
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    seen: list[bool] = []

    def in_a_worker() -> None:
        with collection_paused():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=in_a_worker)
    worker.start()
    worker.join()
    assert seen == [True] and gc.isenabled()
