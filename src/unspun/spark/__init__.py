"""unspun on Apache Spark (the ``spark`` extra: ``pip install 'pyspark[sql]'``, and Java 17 or newer):
the checks and traces of ``unspun check`` and ``unspun trace`` spread over a cluster's
executors, for a crawl one machine cannot get through.

Ways in:

- :func:`check_dataframe`: a DataFrame with a text column gains the columns ``verdict``,
  ``score``, ``findings`` (their count), ``restored``, ``report`` (the JSON report,
  docs/report.md) and ``error`` (why a row's text could not be checked; the job goes on).
  :func:`trace_dataframe` traces each row to its sources in an index, adding
  ``trace_verdict`` and ``source`` (the best source's id) too. Both run through Arrow
  (``mapInArrow``: pandas and pyarrow), on a classic session and on Spark Connect alike.
- :func:`check_files` and :func:`trace_files`: the files of ``inputs`` (files and folders
  every executor can read: an object store's or HDFS's by URL, read through fsspec, a
  shared file system, or this machine's with a local master) are
  read on the executors, as ``unspun check`` reads them (WARC, JSON Lines, HTML, text, PDF),
  checked or traced, and their reports written as JSON Lines part files under one output
  folder, in input order. ``unspun spark check`` and ``unspun spark trace`` are their
  command lines. They deal the files as an RDD, so they need a classic session.

pyspark loads when one of them is called, never on ``import unspun``. Each executor builds
unspun's engine once per Python worker and reuses it (Spark keeps its Python workers), and
opens an index once per worker too.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import CheckConfig, ReadConfig, TraceConfig, require_count, require_flag, require_instance
from ..errors import InputError, MissingExtraError, UnspunError, UsageError
from ..ingest import ReadStats
from ..ingest._remote import local_name
from ._tasks import (
    DOCUMENTS,
    ERROR,
    PASSED_OVER,
    REPORT,
    RESULT_COLUMNS,
    TRACE_COLUMNS,
    VERDICT,
    Checking,
    Job,
    Tracing,
    check_batches,
    read_files,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SPARK_PACKAGES = "'pyspark[sql]'"
_LOG_SETTINGS = Path(__file__).with_name("log4j2.properties")
TASKS_PER_CORE = 4
"""Files are dealt into this many tasks per core of the cluster (at most one file each): a
crawl's files differ in size, and small tasks let a core that finishes early take another."""


class SparkStartError(UnspunError):
    """Spark could not start (no Java, a master that does not answer)."""


class SparkJobError(UnspunError):
    """A Spark job failed: an executor's error that would stop ``unspun check`` too (a damaged
    cache, a missing extra), or Spark's own."""


@dataclass  # filled as the scan goes
class FileScan:
    """What :func:`check_files` or :func:`trace_files` did: the verdicts of the reports it
    wrote, the input errors, what the inputs held that was not read as a document (files of
    other types in folders, a WARC's requests and images...: ``unspun check``'s counts); for
    a trace, how many reports had a source found."""

    output: str
    verdicts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    passed_over: ReadStats = field(default_factory=ReadStats)
    traced: bool = False
    sources: int = 0

    @property
    def reports(self) -> int:
        return sum(self.verdicts.values())


def local_session(master: str = "local[*]", app_name: str = "unspun") -> SparkSession:
    """A Spark session for ``master`` (``local[*]``: this machine's cores), quiet (no progress
    bar, no web UI, warnings only), its Python workers running this Python, where unspun is
    installed (Spark's default is the ``python3`` on the PATH)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    logging.getLogger("py4j").setLevel(logging.CRITICAL)  # its tracebacks of an interrupted job
    builder = SparkSession.builder.master(master).appName(app_name)
    if master.startswith("local"):
        # This machine's workers: this Python (the "spark.pyspark.python" setting is not read
        # in time here). A cluster's executors have Pythons of their own.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = (builder
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_LOG_SETTINGS}")
                   .getOrCreate())
    except Exception as error:  # pyspark's own errors (no Java: JAVA_GATEWAY_EXITED) share no base of ours
        raise SparkStartError(f"Spark did not start ({type(error).__name__}: {_last_line(error)}); it needs "
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
    config = config if config is not None else CheckConfig()
    require_instance("config", config, CheckConfig)  # here, not as a traceback on every executor
    require_flag("deep", deep)
    return _with_results(frame, text_column, id_column, Checking(config, deep))


def trace_dataframe(frame: DataFrame, index: str | Path, text_column: str = "text", id_column: str | None = None,
                    config: TraceConfig | None = None, check_config: CheckConfig | None = None) -> DataFrame:
    """``frame`` with each row's text traced to its sources in the index at ``index`` (a
    name every executor can read: a shared file system, or this machine's with a local
    master): :data:`RESULT_COLUMNS` as :func:`check_dataframe` adds them, the findings being
    the source's substitutions when one is found, then :data:`TRACE_COLUMNS`. The index is
    opened here first, so a missing or foreign one is an error before the job; it should
    not change while the job runs (each executor reads it as it is then). Lazy, as Spark is.
    """
    _require_pyspark()
    return _with_results(frame, text_column, id_column, _tracing(index, config, check_config), traced=True)


def _with_results(frame: DataFrame, text_column: str, id_column: str | None, job: Job,
                  traced: bool = False) -> DataFrame:
    """``frame`` with ``job``'s results appended, row by row, through Spark's ``mapInArrow``:
    a classic session's frame and a Spark Connect one's alike (no RDD, which Spark Connect
    and shared clusters do not give), the frame's own columns passed on as Arrow gives them."""
    _require_arrow()
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

    names = frame.columns
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UsageError(f"the frame has more than one column named {', '.join(repeated)}: rename them first")
    for role, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in names:
            raise UsageError(f"{role} {column!r} is not a column of the frame ({', '.join(names)})")
    text_type = frame.schema[text_column].dataType
    if not isinstance(text_type, StringType):
        raise UsageError(f"text_column {text_column!r} holds {text_type.simpleString()}, not text (string)")
    added = (*RESULT_COLUMNS, *TRACE_COLUMNS) if traced else RESULT_COLUMNS
    taken = [name for name in added if name in names]
    if taken:
        raise UsageError(f"the frame already has the result column(s) {', '.join(taken)}: rename them first")
    result_types = (StringType(), DoubleType(), IntegerType(), StringType(), StringType(), StringType())
    added_types = (*result_types, StringType(), StringType()) if traced else result_types
    # mapInArrow reads each column name as an expression ("page.rank" as a struct's field,
    # a backtick as a syntax error: a review): the frame goes through under plain names of
    # their places, and gets its own back after.
    places = [f"_{place}" for place in range(len(names))]
    schema = StructType([*(StructField(place, field.dataType, field.nullable, field.metadata)
                           for place, field in zip(places, frame.schema.fields, strict=True)),
                         *(StructField(name, kind) for name, kind in zip(added, added_types, strict=True))])
    checked = frame.toDF(*places).mapInArrow(functools.partial(
        check_batches, text_column=places[names.index(text_column)],
        id_column=places[names.index(id_column)] if id_column is not None else None, job=job, traced=traced), schema)
    return checked.toDF(*names, *added)


def _tracing(index: str | Path, config: TraceConfig | None, check_config: CheckConfig | None) -> Tracing:
    """The job of tracing against ``index``, once the index is found to open here (a missing,
    foreign or corrupt one is an error said once, not on every executor)."""
    from ..index import Index, refuse_missing_index

    config = config if config is not None else TraceConfig()
    check_config = check_config if check_config is not None else CheckConfig()
    require_instance("config", config, TraceConfig)
    require_instance("check_config", check_config, CheckConfig)
    if not isinstance(index, str | Path):
        raise TypeError(f"index must be the index's file name, not {type(index).__name__}")
    local = local_name(str(index))  # a file:// URL names a file of this machine
    if local is None:
        raise UsageError(f"{index}: an index is a file every executor can read (SQLite), not a store's URL")
    path = Path(local).absolute()
    refuse_missing_index(path)
    Index.open(path, readonly=True).close()
    return Tracing(str(path), config, check_config)


def check_files(spark: SparkSession, inputs: Iterable[str | Path], output: str | Path,
                config: CheckConfig | None = None, deep: bool = False, read_config: ReadConfig | None = None,
                tasks: int | None = None) -> FileScan:
    """Check every document of ``inputs`` on ``spark``'s executors and write the reports as
    JSON Lines part files in the folder ``output``, which must not exist: it is written whole,
    or removed (a failed job, an interruption, and a run that reported nothing leave none).
    ``tasks``: how many tasks to deal the files into (by default :data:`TASKS_PER_CORE` per
    core of the cluster, at most one a file). An input that holds no document is an error, as
    for ``unspun check``."""
    config = config if config is not None else CheckConfig()
    require_instance("config", config, CheckConfig)
    require_flag("deep", deep)
    return _scan_files(spark, inputs, output, Checking(config, deep), read_config, tasks)


def trace_files(spark: SparkSession, inputs: Iterable[str | Path], output: str | Path, index: str | Path,
                config: TraceConfig | None = None, check_config: CheckConfig | None = None,
                read_config: ReadConfig | None = None, tasks: int | None = None) -> FileScan:
    """:func:`check_files` tracing each document to its sources in the index at ``index``
    (a name every executor can read), as ``unspun trace`` does: the reports are its reports,
    and :attr:`FileScan.sources` counts those with a source found. The index is opened here
    first (a missing or foreign one is an error before the job), and should not change
    while the job runs."""
    return _scan_files(spark, inputs, output, _tracing(index, config, check_config), read_config, tasks)


def _scan_files(spark: SparkSession, inputs: Iterable[str | Path], output: str | Path, job: Job,
                read_config: ReadConfig | None, tasks: int | None) -> FileScan:
    from pyspark import StorageLevel

    from ..ingest import _nothing_to_read, files_to_read
    from ..pipeline import SOURCE_FOUND

    read_config = read_config if read_config is not None else ReadConfig()
    require_instance("read_config", read_config, ReadConfig)
    if tasks is not None:
        require_count("tasks", tasks)
    traced = isinstance(job, Tracing)
    action = "trace" if traced else "check"
    if type(spark).__module__.startswith("pyspark.sql.connect"):
        raise UsageError(f"{action}_files deals the files to the executors as an RDD, which a Spark Connect session "
                         f"does not give: use a classic session (unspun spark {action}), or read the texts into a "
                         f"frame and use {action}_dataframe")
    if isinstance(inputs, str | Path | bytes):  # a str is iterable too: "crawl/" read as "c", "r"...
        raise TypeError(f"{action}_files takes a list of inputs, not one {type(inputs).__name__}: wrap it in a list")
    names = [str(item) for item in inputs]
    scan = FileScan(str(output), traced=traced)
    said = [0] * len(names)  # the errors listing each input gave

    def listing_error(number: int, error: InputError) -> None:
        scan.errors.append(str(error))
        said[number] += 1

    files = [(number, str(path)) for number, item in enumerate(names)
             for path in files_to_read([item], on_error=functools.partial(listing_error, number),
                                       stats=scan.passed_over)]
    if not files:
        raise UsageError(f"no files to {action} (" + "; ".join(scan.errors or ["the folders hold no readable file"]) + ")")
    target = _new_folder(spark, output)
    count = tasks or spark.sparkContext.defaultParallelism * TASKS_PER_CORE
    task = functools.partial(read_files, job=job, read_config=read_config, cwd=os.getcwd())
    # Kept on disk when memory runs short: recomputed, every file would be read again.
    tagged = (spark.sparkContext.parallelize(files, max(1, min(count, len(files)))).mapPartitions(task)
              .persist(StorageLevel.MEMORY_AND_DISK))
    try:
        tagged.filter(_is_report).map(_second).saveAsTextFile(target)
        outcomes = tagged.filter(_is_outcome).collect()
    except BaseException as error:
        _remove(spark, target)
        if isinstance(error, Exception) and not isinstance(error, UnspunError):  # pyspark's, py4j's
            raise SparkJobError(f"the Spark job failed: {_last_line(error)}") from error
        raise
    finally:
        with contextlib.suppress(Exception):  # a JVM gone already: its error must not replace the job's
            tagged.unpersist()
    documents = [0] * len(names)
    fatal = []
    for kind, value in outcomes:
        if kind == VERDICT:
            verdict, trace_verdict = value
            scan.verdicts[verdict] += 1
            scan.sources += trace_verdict == SOURCE_FOUND
        elif kind == ERROR:
            scan.errors.append(value)
        elif kind == DOCUMENTS:
            documents[value[0]] += value[1]
        elif kind == PASSED_OVER:
            for reason, count in value.items():
                skipped = scan.passed_over.warc.skipped
                skipped[reason] = skipped.get(reason, 0) + count
        else:
            fatal.append(value)
    if fatal:
        _remove(spark, target)
        raise SparkJobError(fatal[0])
    for number, item in enumerate(names):
        if not documents[number] and not said[number]:
            scan.errors.append(_nothing_to_read(item))
    if not scan.reports:
        _remove(spark, target)
    return scan


def _new_folder(spark: SparkSession, output: str | Path) -> str:
    """The URL Spark writes ``output`` at: a new folder, refused here (not as a Java stack)
    when it cannot be one. A store's URL (``s3a://bucket/reports/``, ``hdfs://...``) is
    asked of the file systems Spark's Hadoop knows (what the cluster is configured for), and
    its parents are made as Spark makes them; a ``file://`` URL is the folder of this
    machine it names."""
    name = str(output)
    if not name:
        raise UsageError("an empty output name (an unset variable?): name a folder")
    local = local_name(name)
    if local is None:  # a store's URL (a file:// one names a folder of this machine)
        if name.lower().startswith("file:"):
            raise UsageError(f"{name}: a file URL of another machine; name a folder of this one")
        if _hadoop_call(spark, name, "exists"):
            raise UsageError(f"{name}: already exists; Spark writes a new folder of part files: name another")
        return name
    name = local
    if os.path.lexists(name):
        raise UsageError(f"{name}: already exists; Spark writes a new folder of part files: name another")
    if ":" in name:
        raise UsageError(f"{name}: Spark reads a name with ':' as a URL; name a folder without one")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{name.encode('utf-8', 'surrogateescape')!r}: Spark cannot write a name that is not "
                         "UTF-8") from None
    parent = Path(name).absolute().parent
    if not parent.is_dir():
        raise UsageError(f"{parent}: no such folder to write {Path(name).name} in")
    # A file URL: a bare name is read on Hadoop's default file system (HDFS on YARN). Not
    # Path.as_uri(): Hadoop reads "%20" as it is written, and wrote "my%20reports" (session 60).
    return f"file://{Path(name).absolute()}"


def _remove(spark: SparkSession, url: str) -> None:
    """Remove the folder at ``url`` (what a failed or empty job wrote), if it is there."""
    local = local_name(url)
    if local is not None:  # a file:// URL, as _new_folder writes a folder of this machine's
        shutil.rmtree(local, ignore_errors=True)
        return
    with contextlib.suppress(UsageError):  # a JVM gone, a store that refuses: nothing more to do here
        _hadoop_call(spark, url, "delete")


def _hadoop_call(spark: SparkSession, url: str, action: str) -> bool:
    """Ask Hadoop's file system for ``url`` whether it ``exists``, or ``delete`` it (and all
    under it); its errors (no file system for the scheme, credentials) as a usage error."""
    context = spark.sparkContext
    try:
        path = context._jvm.org.apache.hadoop.fs.Path(url)  # type: ignore[union-attr]
        system = path.getFileSystem(context._jsc.hadoopConfiguration())  # type: ignore[union-attr]
        return bool(system.exists(path) if action == "exists" else system.delete(path, True))
    except Exception as error:  # py4j's Py4JJavaError, or an IllegalArgumentException of a bad URL
        raise UsageError(f"{url}: Spark cannot write there ({_last_line(error)})") from None


def _last_line(error: BaseException) -> str:
    """The line of a Spark failure that says what went wrong (a Python error's last line, or
    the Java exception's first)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]  # none for an empty message
    python = [line for line in lines if re.match(r"^[A-Za-z_.]+(Error|Exception): ", line)]
    return (python[-1] if python else lines[0] if lines else type(error).__name__)[:500]


def _is_report(item: tuple[str, Any]) -> bool:
    return item[0] == REPORT


def _is_outcome(item: tuple[str, Any]) -> bool:
    return item[0] != REPORT


def _second(item: tuple[str, Any]) -> Any:
    return item[1]


def _require_arrow() -> None:
    """The DataFrame functions hand rows to the executors through Arrow (``mapInArrow``),
    which needs pandas and pyarrow beside pyspark (the spark extra brings them)."""
    for module in ("pyarrow", "pandas"):
        try:
            __import__(module)
        except ImportError as error:
            raise MissingExtraError("spark", SPARK_PACKAGES) from error


def _require_pyspark() -> Any:
    try:
        import pyspark
    except ImportError as error:
        raise MissingExtraError("spark", SPARK_PACKAGES) from error
    return pyspark


__all__ = ["RESULT_COLUMNS", "SPARK_PACKAGES", "TRACE_COLUMNS", "FileScan", "SparkJobError", "SparkStartError",
           "check_dataframe", "check_files", "local_session", "trace_dataframe", "trace_files"]
