"""unspun on Apache Spark (the ``spark`` extra: ``pip install pyspark``, and Java 17 or newer):
the checks of ``unspun check`` spread over a cluster's executors, for a crawl one machine
cannot get through.

Two ways in:

- :func:`check_dataframe`: a DataFrame with a text column gains the columns ``verdict``,
  ``score``, ``findings`` (their count), ``restored``, ``report`` (the JSON report,
  docs/report.md) and ``error`` (why a row's text could not be checked; the job goes on).
- :func:`check_files`: the files of ``inputs`` (files and folders every executor can read: a
  shared file system, or this machine's with a local master) are read and checked on the
  executors, as ``unspun check`` reads them (WARC, JSON Lines, HTML, text, PDF), and their
  reports written as JSON Lines part files under one output folder, in input order.
  ``unspun spark check`` is its command line.

pyspark loads when one of them is called, never on ``import unspun``. Each executor builds
unspun's engine once per Python worker and reuses it (Spark keeps its Python workers).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import CheckConfig, ReadConfig
from ..errors import MissingExtraError, UnspunError, UsageError
from ._tasks import ERROR, REPORT, check_rows
from ._tasks import check_files as _check_files_task

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SPARK_PACKAGES = "pyspark"
RESULT_COLUMNS = ("verdict", "score", "findings", "restored", "report", "error")
TASKS_PER_CORE = 4
"""Files are dealt into this many tasks per core of the cluster (at most one file each): a
crawl's files differ in size, and small tasks let a core that finishes early take another."""


class SparkStartError(UnspunError):
    """Spark could not start (no Java, a master that does not answer)."""


@dataclass
class FileScan:
    """What :func:`check_files` did: the verdicts of the reports it wrote, and the input errors."""

    output: str
    verdicts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return sum(self.verdicts.values())


def local_session(master: str = "local[*]", app_name: str = "unspun") -> SparkSession:
    """A Spark session for ``master`` (``local[*]``: this machine's cores), quiet (no progress
    bar, no web UI, warnings only), its Python workers running this Python, where unspun is
    installed (Spark's default is the ``python3`` on the PATH)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = (SparkSession.builder.master(master).appName(app_name)
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .getOrCreate())
    except Exception as error:  # pyspark's own errors (no Java: JAVA_GATEWAY_EXITED) share no base of ours
        raise SparkStartError(f"Spark did not start ({type(error).__name__}: {str(error).splitlines()[0]}); it needs "
                              "Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless) and a master that "
                              "answers") from error
    session.sparkContext.setLogLevel("ERROR")
    return session


def check_dataframe(frame: DataFrame, text_column: str = "text", id_column: str | None = None,
                    config: CheckConfig | None = None, deep: bool = False) -> DataFrame:
    """``frame`` with the result columns of each row's text added (:data:`RESULT_COLUMNS`).

    ``id_column`` names the reports (``row-N`` of its partition without it). Lazy, as Spark
    is: nothing is checked until the result is written or collected.
    """
    _require_pyspark()
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

    config = config if config is not None else CheckConfig()
    names = frame.columns
    for role, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in names:
            raise UsageError(f"{role} {column!r} is not a column of the frame ({', '.join(names)})")
    taken = [name for name in RESULT_COLUMNS if name in names]
    if taken:
        raise UsageError(f"the frame already has the result column(s) {', '.join(taken)}: rename them first")
    schema = StructType([*frame.schema.fields,
                         StructField("verdict", StringType()), StructField("score", DoubleType()),
                         StructField("findings", IntegerType()), StructField("restored", StringType()),
                         StructField("report", StringType()), StructField("error", StringType())])
    checked = frame.rdd.mapPartitions(functools.partial(check_rows, text_column=text_column, id_column=id_column,
                                                        config=config, deep=deep))
    return frame.sparkSession.createDataFrame(checked, schema)


def check_files(spark: SparkSession, inputs: Iterable[str | Path], output: str | Path,
                config: CheckConfig | None = None, deep: bool = False, read_config: ReadConfig | None = None,
                tasks: int | None = None) -> FileScan:
    """Check every document of ``inputs`` on ``spark``'s executors and write the reports as
    JSON Lines part files in the folder ``output`` (which must not exist: Spark writes it
    whole or not at all). ``tasks``: how many tasks to deal the files into (by default
    :data:`TASKS_PER_CORE` per core of the cluster, at most one a file)."""
    from ..ingest import files_to_read

    config = config if config is not None else CheckConfig()
    read_config = read_config if read_config is not None else ReadConfig()
    scan = FileScan(str(output))
    paths = [str(path) for path in files_to_read(inputs, on_error=lambda error: scan.errors.append(str(error)))]
    if not paths:
        raise UsageError("no files to check (" + "; ".join(scan.errors or ["the folders hold no readable file"]) + ")")
    if Path(output).exists():
        raise UsageError(f"{output}: already exists; Spark writes a new folder of part files: name another")
    count = tasks or spark.sparkContext.defaultParallelism * TASKS_PER_CORE
    tagged = (spark.sparkContext.parallelize(paths, max(1, min(count, len(paths))))
              .mapPartitions(functools.partial(_check_files_task, config=config, deep=deep, read_config=read_config))
              .persist())
    try:
        tagged.filter(_is_report).map(_second).saveAsTextFile(str(output))
        scan.verdicts.update(tagged.filter(_is_report).map(_verdict).countByValue())
        scan.errors.extend(tagged.filter(_is_error).map(_second).collect())
    finally:
        tagged.unpersist()
    return scan


def _is_report(item: tuple[str, str]) -> bool:
    return item[0] == REPORT


def _is_error(item: tuple[str, str]) -> bool:
    return item[0] == ERROR


def _second(item: tuple[str, str]) -> str:
    return item[1]


def _verdict(item: tuple[str, str]) -> str:
    return str(json.loads(item[1])["verdict"])


def _require_pyspark() -> Any:
    try:
        import pyspark
    except ImportError as error:
        raise MissingExtraError("spark", SPARK_PACKAGES) from error
    return pyspark


__all__ = ["RESULT_COLUMNS", "SPARK_PACKAGES", "FileScan", "SparkStartError", "check_dataframe", "check_files",
           "local_session"]
