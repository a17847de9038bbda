"""unspun's DataFrame functions on Spark Connect (``pip install 'pyspark[connect]'``): a session
that has no SparkContext and no RDDs, as Databricks' shared and serverless clusters give, here
a local Spark Connect server that pyspark starts (``SparkSession.builder.remote("local[1]")``)
and its client. The rows are checked and traced as the classic session's tests check them;
a scan of files, which needs a SparkContext, is refused with what to do instead."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark", reason="needs the spark extra: pip install '.[spark]'")
if any(importlib.util.find_spec(name) is None for name in ("grpc", "pyarrow", "pandas", "google.rpc")):
    pytest.skip("needs Spark Connect's client: pip install 'pyspark[connect]'", allow_module_level=True)

from tests.conftest import shut_down_spark_gateway
from tests.integration.test_spark import TORTURED, assert_each_row_checked, assert_each_row_traced
from unspun.errors import UsageError
from unspun.spark import check_files, trace_files


@pytest.fixture(scope="module")
def connect() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the server's Python workers: this one
    # pyspark's own testing mode: the local server on a free port, not 15002 (another run's).
    before = {name: os.environ.get(name) for name in ("SPARK_TESTING", "SPARK_CONNECT_AUTHENTICATE_TOKEN")}
    os.environ["SPARK_TESTING"] = "1"
    session = SparkSession.builder.remote("local[1]").getOrCreate()
    yield session
    session.stop()  # stops the local server pyspark started, too
    for name, value in before.items():  # pyspark sets the token and leaves it
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shut_down_spark_gateway()  # and its JVM


def test_a_connect_sessions_frame_gains_each_rows_report(connect: Any) -> None:
    assert type(connect).__module__.startswith("pyspark.sql.connect")  # no SparkContext, no RDD
    assert_each_row_checked(connect)


def test_a_connect_sessions_frame_is_traced_row_by_row(connect: Any, originals_db: Path) -> None:
    assert_each_row_traced(connect, originals_db)


def test_a_scan_of_files_says_what_spark_connect_lacks(connect: Any, tmp_path: Path, originals_db: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(TORTURED, encoding="utf-8")
    for scan in (lambda: check_files(connect, [str(page)], tmp_path / "out"),
                 lambda: trace_files(connect, [str(page)], tmp_path / "out", originals_db)):
        with pytest.raises(UsageError, match="Spark Connect"):
            scan()
    assert not (tmp_path / "out").exists()
