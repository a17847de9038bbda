"""What Spark's executors run: plain functions over rows and file names, importing unspun
(and nothing of Spark) in the executor's own Python, where each engine is built once per
worker process and kept for the tasks that follow (Spark reuses its Python workers)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..config import CheckConfig, ReadConfig
from ..errors import InputError
from ..models import Document
from ..report import json_line

REPORT = "report"
ERROR = "error"


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


def check_files(paths: Iterable[str], config: CheckConfig, deep: bool,
                read_config: ReadConfig) -> Iterator[tuple[str, str]]:
    """The reports (JSON) of every document in the files ``paths`` names, as ``unspun check``
    reads them, each as ``("report", json)``; each input error as ``("error", message)``."""
    from ..ingest import read_path
    from ..pipeline import check

    for path in paths:
        errors: list[InputError] = []
        for document in read_path(path, read_config, on_error=errors.append):
            yield from ((ERROR, str(error)) for error in errors)
            errors.clear()
            try:
                yield REPORT, json_line(check(document, config, deep=deep).to_dict())
            except InputError as error:
                yield ERROR, str(error)
        yield from ((ERROR, str(error)) for error in errors)
