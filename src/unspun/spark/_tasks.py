"""What Spark's executors run: plain functions over rows and file names, importing unspun
(and nothing of Spark) in the executor's own Python, where each engine is built once per
worker process and kept for the tasks that follow (Spark reuses its Python workers)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..config import CheckConfig, ReadConfig
from ..errors import InputError, UnspunError
from ..models import Document
from ..report import json_line

REPORT = "report"
VERDICT = "verdict"
ERROR = "error"
DOCUMENTS = "documents"
FATAL = "fatal"


def check_rows(rows: Iterable[Any], text_column: str, id_column: str | None, config: CheckConfig,
               deep: bool) -> Iterator[tuple[Any, ...]]:
    """Each row's own values, then its verdict, score, findings' count, restored text, report
    (JSON) and error: a text that cannot be checked (empty, too long) has an error and no
    report, and the job goes on."""
    from ..pipeline import check

    for number, row in enumerate(rows):
        values = tuple(row)
        text = row[text_column]
        doc_id = str(row[id_column]) if id_column is not None and row[id_column] is not None else f"row-{number}"
        if not isinstance(text, str):
            yield (*values, None, None, None, None, None, f"{doc_id}: no text (the column holds null)")
            continue
        try:
            report = check(Document(id=doc_id, title="", text=text, source="text"), config, deep=deep)
        except InputError as error:
            yield (*values, None, None, None, None, None, str(error))
            continue
        data = report.to_dict()
        yield (*values, report.verdict, report.score, len(report.findings), report.restored, json_line(data), None)


def check_files(files: Iterable[tuple[int, str]], config: CheckConfig, deep: bool, read_config: ReadConfig,
                cwd: str) -> Iterator[tuple[str, Any]]:
    """Read and check the files ``files`` names (each with the number of the input it came
    from), as ``unspun check`` reads them, yielding tagged items: ``("report", json)`` and
    ``("verdict", verdict)`` for each document, ``("error", message)`` for each input error,
    ``("documents", (input, count))`` for each file (its documents and input errors: none of
    either is an input that holds nothing), and ``("fatal", message)`` for an error that would
    stop ``unspun check`` too (a damaged cache, a missing extra), after which this task
    stops (the job's other tasks finish theirs; then nothing is written). Names relative to
    the driver's working folder ``cwd`` are read there, when this machine has it (a
    cluster's executors run in folders of their own)."""
    from ..ingest import read_path
    from ..pipeline import check

    if cwd and os.path.isdir(cwd) and os.getcwd() != cwd:
        os.chdir(cwd)
    for number, name in files:
        errors: list[InputError] = []
        documents = failed = 0
        try:
            for document in read_path(name, read_config, on_error=errors.append):
                documents += 1
                failed += len(errors)
                yield from ((ERROR, str(error)) for error in errors)
                errors.clear()
                try:
                    report = check(document, config, deep=deep)
                except InputError as error:
                    yield ERROR, str(error)
                    continue
                yield REPORT, json_line(report.to_dict())
                yield VERDICT, report.verdict
        except InputError as error:  # raised, not handed to on_error: the check's own
            errors.append(error)
        except UnspunError as error:
            yield FATAL, str(error)
            return
        yield from ((ERROR, str(error)) for error in errors)
        yield DOCUMENTS, (number, documents + failed + len(errors))  # what it held, read or not
