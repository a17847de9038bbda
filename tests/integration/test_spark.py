"""unspun on Apache Spark, on a real local Spark (one core): the same reports as ``unspun
check`` and ``unspun trace``, in the same order, from files and from a DataFrame. Skipped
without pyspark or Java."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark", reason="needs the spark extra: pip install '.[spark]'")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 or newer")

from tests.conftest import python_output, shut_down_spark_gateway, without_time, write_warc  # noqa: E402
from tests.integration.test_trace import ORIGINALS, OTHER_OUTLET, SPUN  # noqa: E402
from unspun import check  # noqa: E402
from unspun.errors import InputError, MissingExtraError, NotAnIndexError, UsageError  # noqa: E402
from unspun.index import Index  # noqa: E402
from unspun.pipeline import trace  # noqa: E402
from unspun.spark import (  # noqa: E402
    RESULT_COLUMNS,
    TRACE_COLUMNS,
    check_dataframe,
    check_files,
    local_session,
    trace_dataframe,
    trace_files,
)

TORTURED = "We compared an irregular woodland with a support vector machine on the bosom peril data."


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = local_session("local[1]")
    yield session
    session.stop()
    shut_down_spark_gateway()


@pytest.fixture
def crawl(tmp_path: Path, example_html: Path) -> Path:
    """A folder as a crawl leaves it: a page, a text, JSON Lines with a bad line, a WARC."""
    folder = tmp_path / "crawl"
    (folder / "more").mkdir(parents=True)
    shutil.copy(example_html, folder / "page.html")
    (folder / "more" / "note.txt").write_text(TORTURED, encoding="utf-8")
    lines = [json.dumps({"id": "one", "text": SPUN}), json.dumps({"id": "two", "text": ""}),
             json.dumps({"id": "three", "text": OTHER_OUTLET})]
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(folder / "more" / "crawl.warc.gz",
               [("https://example.org/a", "text/plain", TORTURED.encode()),
                ("https://example.org/b", "text/html", b"<html><body><p>" + SPUN.encode() + b"</p></body></html>")],
               gzip=True)
    return folder


def command_line_reports(inputs: list[str], action: tuple[str, ...] = ("check",)) -> tuple[list[dict], str]:
    result = subprocess.run([sys.executable, "-m", "unspun", *action, *inputs, "--format", "json", "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    return [without_time(json.loads(line)) for line in result.stdout.splitlines()], result.stderr


def test_files_give_the_command_lines_reports_in_its_order(spark: Any, crawl: Path, tmp_path: Path) -> None:
    output = tmp_path / "reports"
    scan = check_files(spark, [str(crawl)], output, tasks=3)
    written = [without_time(json.loads(line)) for part in sorted(output.glob("part-*"))
               for line in part.read_text(encoding="utf-8").splitlines()]
    expected, stderr = command_line_reports([str(crawl)])
    assert written == expected and len(written) == 6
    assert scan.reports == 6 and scan.verdicts["spun"] == sum(report["verdict"] == "spun" for report in expected)
    assert scan.errors == [line.removeprefix("unspun: error: ") for line in stderr.splitlines()
                           if line.startswith("unspun: error:")] != []
    assert (output / "_SUCCESS").exists()


def test_a_dataframe_gains_each_rows_report(spark: Any) -> None:
    assert_each_row_checked(spark)


def assert_each_row_checked(spark: Any) -> None:
    """A frame's rows checked by :func:`check_dataframe` as ``check`` checks their texts (a
    classic session's, and a Spark Connect one's: test_spark_connect)."""
    frame = spark.createDataFrame([("a", TORTURED, 1), ("b", "   ", 2), ("c", None, 3), ("d", OTHER_OUTLET, 4)],
                                  "url string, body string, rank int")
    rows = {row["url"]: row for row in check_dataframe(frame, text_column="body", id_column="url").collect()}
    assert list(rows["a"].asDict()) == ["url", "body", "rank", *RESULT_COLUMNS]
    for key, text in (("a", TORTURED), ("d", OTHER_OUTLET)):
        report = json.loads(rows[key]["report"])
        assert without_time(report) == without_time({**check(text).to_dict(), "id": key})
        assert rows[key]["verdict"] == report["verdict"] and rows[key]["findings"] == len(report["findings"])
        assert rows[key]["error"] is None and rows[key]["rank"] == {"a": 1, "d": 4}[key]
    assert rows["b"]["verdict"] is None and "empty text" in rows["b"]["error"]
    assert rows["c"]["report"] is None and "no text" in rows["c"]["error"]


def test_wrong_columns_an_existing_output_and_nothing_to_read_are_refused(spark: Any, tmp_path: Path) -> None:
    frame = spark.createDataFrame([("a", TORTURED)], "id string, text string")
    with pytest.raises(UsageError, match="'body' is not a column"):
        check_dataframe(frame, text_column="body")
    with pytest.raises(UsageError, match="already has the result column"):
        check_dataframe(check_dataframe(frame))
    (tmp_path / "taken").mkdir()
    (tmp_path / "page.txt").write_text(TORTURED, encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        check_files(spark, [str(tmp_path / "page.txt")], tmp_path / "taken")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no files to check"):
        check_files(spark, [str(tmp_path / "empty")], tmp_path / "out")


def test_columns_named_with_dots_and_backticks_keep_their_names(spark: Any) -> None:
    # mapInArrow read "page.url" as a struct's field and a backtick as a syntax error (a review).
    frame = spark.createDataFrame([("a", TORTURED, 1)], "`page.url` string, `the.text` string, `b``q` int")
    rows = check_dataframe(frame, text_column="the.text", id_column="page.url").collect()
    assert list(rows[0].asDict()) == ["page.url", "the.text", "b`q", *RESULT_COLUMNS]
    assert json.loads(rows[0]["report"])["id"] == "a" and rows[0]["b`q"] == 1 and rows[0]["verdict"] == "spun"


def test_a_batch_whose_results_are_large_goes_back_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    # An Arrow string column holds at most 2 GiB: a batch of 10,000 long spun texts' reports
    # failed the job (a review). Past the bound, each slice holds what fits (here one row).
    import pyarrow as pa

    from unspun.config import CheckConfig
    from unspun.spark import _tasks

    batch = pa.RecordBatch.from_pydict({"id": ["a", None, "c"], "text": [TORTURED, OTHER_OUTLET, None]})
    job = _tasks.Checking(CheckConfig(), deep=False)
    whole = list(_tasks.check_batches([batch], "text", "id", job, traced=False))
    monkeypatch.setattr(_tasks, "BATCH_RESULT_CHARS", 1)
    sliced = list(_tasks.check_batches([batch], "text", "id", job, traced=False))
    assert [len(part) for part in whole] == [3] and [len(part) for part in sliced] == [1, 1, 1]

    def rows(batches: list[pa.RecordBatch]) -> list[dict]:
        return [{**row, "report": row["report"] and without_time(json.loads(row["report"]))}
                for row in pa.Table.from_batches(batches).to_pylist()]

    assert rows(sliced) == rows(whole)
    assert [row["report"] and json.loads(row["report"])["id"] for row in pa.Table.from_batches(sliced).to_pylist()] \
        == ["a", "row-1", None]


def test_the_dataframe_functions_without_arrow_give_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an import of it fails, as where it is not installed
    with pytest.raises(MissingExtraError, match=r"pip install 'pyspark\[sql\]'"):
        check_dataframe(object())  # type: ignore[arg-type]  # refused before the frame is read


def test_the_command_line_says_what_it_found_with_checks_exit_status(crawl: Path, tmp_path: Path) -> None:
    output = tmp_path / "reports"
    (crawl / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = subprocess.run([sys.executable, "-m", "unspun", "spark", "check", str(crawl), "-o", str(output),
                             "--master", "local[1]", "--min-confidence", "0.5"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 2  # the empty JSON line is an input error, which wins over spun
    assert "docs.jsonl:2: 'text' is empty" in result.stderr
    assert "note: 6 documents: " in result.stderr and str(output) in result.stderr
    # check's own note of what the crawl held besides its documents (it was not given).
    assert ("note: passed over 2 request records, 1 warcinfo record, 1 file in folders that is hidden or of other "
            "types") in result.stderr.splitlines()
    reports = [json.loads(line) for part in sorted(output.glob("part-*")) for line in part.read_text().splitlines()]
    assert all(finding["confidence"] >= 0.5 for report in reports for finding in report["findings"])


def test_spark_loads_only_when_asked() -> None:
    loaded = python_output("import sys, unspun, unspun.spark, unspun.cli\nprint('pyspark' in sys.modules)")
    assert loaded.strip() == "False"


def test_an_audits_edges(spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A review of the adapter (session 59): an empty name read the current folder; an input
    holding no document beside others went unsaid; a run that reported nothing left a folder
    saying _SUCCESS; a relative name was read against the executors' own folder."""
    page = tmp_path / "page.txt"
    page.write_text(TORTURED, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = check_files(spark, ["", "empty", "empty.jsonl", "page.txt"], tmp_path / "out")
    assert scan.reports == 1 and scan.verdicts["spun"] == 1
    assert any("an empty name" in error for error in scan.errors)
    assert "no documents to read in empty.jsonl" in scan.errors and any(
        error.startswith("no documents to read in empty (folders") for error in scan.errors)
    written = [json.loads(line) for part in sorted((tmp_path / "out").glob("part-*"))
               for line in part.read_text().splitlines()]
    assert [report["id"] for report in written] == ["page.txt"]  # as given, read against the driver's folder
    nothing = check_files(spark, ["missing.txt"], tmp_path / "none")
    assert nothing.reports == 0 and not (tmp_path / "none").exists()
    for bad, said in ((tmp_path / "a:b", "':'"), (tmp_path / "page.txt" / "out", "no such folder")):
        with pytest.raises(UsageError, match=said):
            check_files(spark, ["page.txt"], bad)


def test_what_the_driver_can_refuse_it_refuses_before_the_job(spark: Any, tmp_path: Path) -> None:
    from unspun.config import ReadConfig

    page = tmp_path / "page.txt"
    page.write_text(TORTURED, encoding="utf-8")
    frame = spark.createDataFrame([("a", 1)], "id string, body int")
    with pytest.raises(UsageError, match="holds int"):
        check_dataframe(frame, text_column="body")
    with pytest.raises(TypeError, match="config must be a CheckConfig"):
        check_dataframe(spark.createDataFrame([("a", "x")], "id string, text string"), config="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_files(spark, [str(page)], tmp_path / "out", read_config="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not one str"):
        check_files(spark, str(page), tmp_path / "out")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tasks"):
        check_files(spark, [str(page)], tmp_path / "out", tasks=0)
    assert not (tmp_path / "out").exists()
    scan = check_files(spark, [str(page)], tmp_path / "out2", read_config=ReadConfig(max_bytes=10))
    assert scan.reports == 0 and "over the limit" in scan.errors[0] and not (tmp_path / "out2").exists()


def test_an_error_that_stops_check_stops_the_job_with_one_line_and_no_folder(tmp_path: Path) -> None:
    """An executor's damaged cache was exit 70, 300 lines of tracebacks and an empty folder
    that blocked the rerun (a review)."""
    page = tmp_path / "page.txt"
    page.write_text(TORTURED, encoding="utf-8")
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "unspun", "spark", "check", str(page), "-o", str(tmp_path / "out"),
                             "--master", "local[1]"], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "UNSPUN_CACHE": str(not_a_folder)})
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("unspun: error:")]
    assert len(errors) == 1 and "UNSPUN_CACHE" in errors[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def written_reports(output: Path) -> list[dict]:
    return [without_time(json.loads(line)) for part in sorted(output.glob("part-*"))
            for line in part.read_text(encoding="utf-8").splitlines()]


def test_traced_files_give_the_command_lines_reports_in_its_order(spark: Any, crawl: Path, originals_db: Path,
                                                                  tmp_path: Path) -> None:
    output = tmp_path / "traced"
    scan = trace_files(spark, [str(crawl)], output, originals_db, tasks=3)
    written = written_reports(output)
    expected, _ = command_line_reports([str(crawl)], ("trace", "--index", str(originals_db)))
    assert written == expected and len(written) == 6
    # The spun harbour story, in the JSON Lines file and in the WARC, has its source found.
    assert [report["trace_verdict"] == "source found" for report in written].count(True) == 2 == scan.sources
    assert scan.traced and scan.reports == 6 and len(scan.errors) == 1


def test_a_dataframe_is_traced_row_by_row(spark: Any, originals_db: Path) -> None:
    assert_each_row_traced(spark, originals_db)


def assert_each_row_traced(spark: Any, originals_db: Path) -> None:
    """A frame's rows traced by :func:`trace_dataframe` as ``trace`` traces their texts."""
    frame = spark.createDataFrame([("a", SPUN), ("b", OTHER_OUTLET), ("c", None)], "url string, body string")
    traced = trace_dataframe(frame, originals_db, text_column="body", id_column="url")
    rows = {row["url"]: row for row in traced.collect()}
    assert list(rows["a"].asDict()) == ["url", "body", *RESULT_COLUMNS, *TRACE_COLUMNS]
    with Index.open(originals_db, readonly=True) as index:
        for key, text in (("a", SPUN), ("b", OTHER_OUTLET)):
            expected = trace(text, index).to_dict()
            assert without_time(json.loads(rows[key]["report"])) == without_time({**expected, "id": key})
            assert rows[key]["trace_verdict"] == expected["trace_verdict"]
    assert rows["a"]["source"] == "harbour" and rows["a"]["findings"] > 5
    assert rows["b"]["source"] is None and rows["b"]["trace_verdict"] == "no source in the collection"
    assert rows["c"]["trace_verdict"] is None and rows["c"]["source"] is None and "no text" in rows["c"]["error"]


def test_a_missing_or_foreign_index_is_refused_before_the_job(spark: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(SPUN, encoding="utf-8")
    with pytest.raises(InputError, match="no such index"):
        trace_files(spark, [str(page)], tmp_path / "out", tmp_path / "missing.db")
    with pytest.raises(NotAnIndexError):
        trace_dataframe(spark.createDataFrame([("a", SPUN)], "id string, text string"), page)
    with pytest.raises(UsageError, match="not a store's URL"):
        trace_files(spark, [str(page)], tmp_path / "out", "s3://bucket/originals.db")
    with pytest.raises(InputError, match=f"{tmp_path}/missing.db: no such index"):  # a file:// URL is its file
        trace_files(spark, [str(page)], tmp_path / "out", f"file://{tmp_path}/missing.db")
    assert not (tmp_path / "out").exists()


def test_the_trace_command_line_counts_the_sources_found(crawl: Path, originals_db: Path, tmp_path: Path) -> None:
    output = tmp_path / "traced"
    result = subprocess.run([sys.executable, "-m", "unspun", "spark", "trace", "--index", str(originals_db), str(crawl),
                             "-o", str(output), "--master", "local[1]"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, result.stderr  # the empty JSON line
    assert "note: 6 documents: " in result.stderr and "; a source found for 2; the reports are in" in result.stderr
    assert len(written_reports(output)) == 6
    # Said before Spark starts: an index the input folder's walk would read as a document.
    shutil.copy(originals_db, crawl / "originals.txt")
    inside = subprocess.run([sys.executable, "-m", "unspun", "spark", "trace", "--index", str(crawl / "originals.txt"),
                             str(crawl), "-o", str(tmp_path / "other")], capture_output=True, text=True, timeout=600)
    assert inside.returncode == 2 and "inside the input folder" in inside.stderr and "Traceback" not in inside.stderr
    assert not (tmp_path / "other").exists()


def test_inputs_and_output_named_by_url_are_read_and_written_through_their_file_systems(
        spark: Any, crawl: Path, tmp_path: Path) -> None:
    """An object store's crawl (s3a://, hdfs://): the driver lists it and the executors read it
    through fsspec (here fsspec's local store, local://, as the stores cannot be reached from
    here); a file:// URL names a file or folder of this machine, read or written as its name."""
    # A folder name with a space was written as "by%20path" (Hadoop reads a URL as it is written).
    by_path = written_reports(_scanned(spark, [str(crawl)], tmp_path / "by path"))
    by_file_url = written_reports(_scanned(spark, [f"file://{crawl}"], f"file://{tmp_path}/by file url"))
    output = tmp_path / "by store"
    scan = check_files(spark, [f"local://{crawl}"], output, tasks=3)
    by_store = written_reports(output)
    assert len(by_path) == 6 and by_file_url == by_path
    assert sorted(path.name for path in tmp_path.iterdir()) == ["by file url", "by path", "by store", "crawl"]
    assert by_store == [{**report, "id": report["id"].replace(str(crawl), f"local://{crawl}")} for report in by_path]
    assert any(report["id"].startswith(f"local://{crawl}") for report in by_store) and scan.reports == 6
    assert scan.passed_over.skipped_files == 0 and scan.passed_over.warc.skipped == {"warcinfo record": 1,
                                                                                      "request record": 2}
    with pytest.raises(UsageError, match="already exists"):
        check_files(spark, [str(crawl)], f"file://{output}")
    with pytest.raises(UsageError, match="no such folder to write"):  # as for a name: Spark would make the parents
        check_files(spark, [str(crawl)], f"file://{tmp_path}/nowhere/out")
    with pytest.raises(UsageError, match="Spark cannot write there"):
        check_files(spark, [str(crawl)], "nosuchfs://bucket/reports")
    with pytest.raises(UsageError, match=f"no files to check \\(local://{tmp_path}/missing: no such file or folder"):
        check_files(spark, [f"local://{tmp_path}/missing"], tmp_path / "none")


def test_a_worker_traces_against_the_index_as_it_is_now(spark: Any, originals_db: Path, tmp_path: Path) -> None:
    """A worker kept the index it opened for later jobs: one rebuilt and moved into place
    between two jobs of a session went unseen (a review)."""
    frame = spark.createDataFrame([("a", SPUN)], "id string, text string")
    assert trace_dataframe(frame, originals_db, id_column="id").collect()[0]["source"] == "harbour"
    rebuilt = tmp_path / "rebuilt.db"
    with Index.create(rebuilt) as index:
        index.add(ORIGINALS[1:])  # without the harbour story
    os.replace(rebuilt, originals_db)
    assert trace_dataframe(frame, originals_db, id_column="id").collect()[0]["source"] is None


def test_hadoops_file_system_removes_what_a_failed_job_wrote_at_a_url(spark: Any, tmp_path: Path) -> None:
    from unspun.spark import _hadoop_call

    (tmp_path / "written" / "deeper").mkdir(parents=True)
    (tmp_path / "written" / "deeper" / "part-00000").write_text("{}")
    assert _hadoop_call(spark, f"file://{tmp_path}/written", "exists")
    assert _hadoop_call(spark, f"file://{tmp_path}/written", "delete") and not (tmp_path / "written").exists()


def _scanned(spark: Any, inputs: list[str], output: str | Path) -> Path:
    """The folder of the reports of ``check_files`` on ``inputs``, written at ``output``."""
    check_files(spark, inputs, output, tasks=3)
    return Path(str(output).removeprefix("file://"))
