"""Index faults with real processes: a writer killed with SIGKILL in the middle of an add,
readers querying while a writer adds, and the CLI given a tampered index or a failing add."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.unit.index._texts import make_documents, make_text, spin
from unspun.index import Index

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from unspun.index import Index
from tests.unit.index._texts import make_documents

path, start, count, batch = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
index = Index.open(path) if path.exists() else Index.create(path)
documents = (make_documents(1, start=i)[0] for i in range(start, start + count))
report = lambda r: print(f"committed {r.documents}", flush=True)
result = index.add(documents, batch_size=batch, progress=report)
index.close()
print(f"done {result.added} {result.unchanged}", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _writer(path: Path, start: int, count: int, batch: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(start), str(count), str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_sigkill_mid_add_keeps_committed_batches_and_a_rerun_completes(tmp_path: Path) -> None:
    path = tmp_path / "killed.idx"
    total, batch = 2500, 50
    writer = _writer(path, 0, total, batch)
    assert writer.stdout is not None
    seen = 0
    for line in writer.stdout:
        seen = int(line.split()[1])
        if seen >= 5 * batch:
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL, writer.stderr.read() if writer.stderr else ""

    with Index.open(path) as index:
        assert index.check() == []
        kept = len(index)
        assert seen <= kept < total, "the kill should land in the middle of the add"
        assert kept % batch == 0, "only whole batches are committed"
        assert list(index.ids()) == [f"doc-{i:05d}" for i in range(kept)]
        last = kept - 1
        stored = index.get(f"doc-{last:05d}")
        assert stored is not None and stored.text == make_text(last)
        assert index.candidates(spin(make_text(last), 0.5, seed=1), 1)[0].id == f"doc-{last:05d}"

    rerun = _writer(path, 0, total, batch)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert out.splitlines()[-1] == f"done {total - kept} {kept}"  # committed ones are skipped
    with Index.open(path, readonly=True) as index:
        assert index.check() == []
        assert len(index) == total
        assert list(index.ids()) == [f"doc-{i:05d}" for i in range(total)]
        for i in (0, kept - 1, kept, total - 1):
            assert index.candidates(spin(make_text(i), 0.5, seed=i), 1)[0].id == f"doc-{i:05d}"


def test_readers_query_while_a_writer_adds(tmp_path: Path) -> None:
    path = tmp_path / "busy.idx"
    with Index.create(path) as index:
        index.add(make_documents(100))
    writer = _writer(path, 100, 1500, 25)
    queries = 0
    sizes = []
    try:
        with Index.open(path, readonly=True) as reader, Index.open(path) as second_reader:
            while writer.poll() is None:
                for index in (reader, second_reader):
                    i = queries % 100
                    assert index.candidates(spin(make_text(i), 0.5, seed=i), 1)[0].id == f"doc-{i:05d}"
                    size = len(index)
                    newest = index.get(f"doc-{size - 1:05d}")
                    assert newest is not None and newest.text == make_text(size - 1)
                    sizes.append(size)
                    queries += 1
                time.sleep(0.001)
    finally:
        _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert queries >= 10, "the writer finished before the readers could query"
    assert sizes[0::2] == sorted(sizes[0::2]), "a reader saw the index shrink"
    assert max(sizes) > 100, "the readers never saw a committed batch"
    with Index.open(path) as index:
        assert len(index) == 1600 and index.check() == []


def test_a_second_open_in_one_process_keeps_the_first_readers_lock(tmp_path: Path) -> None:
    # Closing any descriptor of a file drops every POSIX lock the process holds on it; opening
    # a second index object used to read the header that way, so a writer in another process
    # found no reader left and deleted the write-ahead log under the open readers (they then
    # read a torn state: "database disk image is malformed", now and then in the test above).
    path = tmp_path / "shared.idx"
    with Index.create(path) as index:
        index.add(make_documents(50))
    with Index.open(path, readonly=True) as reader, Index.open(path) as second:
        assert len(reader) == len(second) == 50
        writer = _writer(path, 50, 50, 25)
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert Path(f"{path}-wal").exists(), "the writer's close deleted the log while readers had the index open"
        assert len(reader) == len(second) == 100
        assert reader.check() == []
    with Index.open(path) as index:  # the last close folds the log in
        assert len(index) == 100
    assert not Path(f"{path}-wal").exists()


def test_threads_opening_and_closing_the_index_keep_a_readers_lock(tmp_path: Path) -> None:
    path = tmp_path / "threads.idx"
    with Index.create(path) as index:
        index.add(make_documents(50))
    failures: list[BaseException] = []

    def open_and_close(rounds: int) -> None:
        try:
            for _ in range(rounds):
                with Index.open(path, readonly=True) as index:
                    assert len(index) >= 50
        except BaseException as exc:  # reported below, with the thread's error
            failures.append(exc)

    with Index.open(path, readonly=True) as held:
        writer = _writer(path, 50, 100, 10)
        threads = [threading.Thread(target=open_and_close, args=(40,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert not failures, failures
        assert Path(f"{path}-wal").exists(), "the writer's close deleted the log while a reader had the index open"
        assert len(held) == 150 and held.check() == []


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unspun", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _one_error_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("unspun: error: ") and result.stderr.count("\n") == 1, result.stderr
    for text in expected:
        assert text in result.stderr


def test_cli_failed_index_add_leaves_no_empty_index(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "The bank said on Monday that it would raise rates by 0.5% in March."}\n')
    (tmp_path / "n.db-wal").mkdir()
    _one_error_line(_cli("index", "add", "--index", "n.db", "docs.jsonl", cwd=tmp_path), "n.db-wal is a folder")
    assert not (tmp_path / "n.db").exists()
    (tmp_path / "n.db-wal").rmdir()
    rerun = _cli("index", "add", "--index", "n.db", "docs.jsonl", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    (tmp_path / "afile").write_text("a file, not a folder")
    _one_error_line(_cli("index", "add", "--index", "afile/x.db", "docs.jsonl", cwd=tmp_path), "afile is not a folder")
    _one_error_line(_cli("index", "stats", "--index", "none.db", cwd=tmp_path), "unspun index add --index none.db FILES")


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("UPDATE meta SET value = json_set(value, '$.shingle', 0) WHERE key = 'params'", "shingle must be between"),
        ("UPDATE meta SET value = json_set(value, '$.anchors', 'x') WHERE key = 'params'", "anchors must be an integer"),
        ("UPDATE meta SET value = 'abc' WHERE key = 'documents'", "documents counter is 'abc'"),
        ("UPDATE docs SET meta = 'not json'", "is not JSON"),
    ],
    ids=["shingle-0", "anchors-text", "counter-text", "doc-meta"],
)
def test_cli_tampered_index_gives_one_error_line(tmp_path: Path, sql: str, reason: str) -> None:
    path = tmp_path / "t.db"
    with Index.create(path) as index:
        index.add(make_documents(3))
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    conn.close()
    query = tmp_path / "q.txt"
    query.write_text(make_text(1))
    commands = [("trace", "--index", "t.db", "q.txt")]
    if "docs" not in sql:  # stats reads no document
        commands.append(("index", "stats", "--index", "t.db"))
    for command in commands:
        _one_error_line(_cli(*command, cwd=tmp_path), "t.db is corrupt", reason)


def _index_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unspun", "index", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


def test_index_check_tells_a_sound_index_from_a_damaged_one(tmp_path: Path) -> None:
    # `index stats` and `index add` read a damaged index without a word, `trace` failed on it
    # later: `index check` reads every page (an audit, session 62).
    sound = tmp_path / "sound.db"
    with Index.create(sound) as index:
        index.add(make_documents(40))
    checked = _index_command("check", "--index", str(sound))
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, f"{sound}: sound, 40 documents\n", "")

    miscounted = tmp_path / "miscounted.db"
    miscounted.write_bytes(sound.read_bytes())
    with sqlite3.connect(miscounted) as connection:
        connection.execute("UPDATE meta SET value = '41' WHERE key = 'documents'")
    connection.close()
    checked = _index_command("check", "--index", str(miscounted))
    assert (checked.returncode, checked.stdout) == (2, "")
    assert checked.stderr == f"unspun: error: {miscounted}: the documents counter says 41, the tables hold 40\n"

    damaged = tmp_path / "damaged.db"
    data = bytearray(sound.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\xff" * 8192  # pages in the middle of the file
    damaged.write_bytes(bytes(data))
    checked = _index_command("check", "--index", str(damaged))
    assert checked.returncode == 2 and checked.stdout == "" and "Traceback" not in checked.stderr, checked.stderr
    assert checked.stderr.startswith(f"unspun: error: {damaged}") and checked.stderr.count("\n") >= 1


def test_a_trace_stopped_by_a_damaged_index_says_how_far_it_got(tmp_path: Path) -> None:
    # It said only what was damaged: which inputs were traced, and how to go on, went unsaid
    # (session 62's Left; session 63).
    path = tmp_path / "t.db"
    with Index.create(path) as index:
        index.add(make_documents(30))
    queries = tmp_path / "queries"
    queries.mkdir()
    for name, number in (("a", 0), ("b", 1), ("c", 20)):  # the walk's order: c.txt meets the damage
        (queries / f"{name}.txt").write_text(make_text(number))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE docs SET meta = 'not json' WHERE id = 'doc-00020'")
    conn.close()
    out = tmp_path / "out.json"
    result = _cli("trace", "--index", "t.db", "queries", "--format", "json", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert f"note: stopped after 2 reports in {out}, the rest of the inputs not traced; once the cause below is " \
           "dealt with, the same command with --resume goes on from there" in result.stderr, result.stderr
    assert len(out.read_text().splitlines()) == 2
    # A resume that meets it again counts the reports it kept (a review).
    again = _cli("trace", "--index", "t.db", "queries", "--format", "json", "-o", str(out), "--resume", cwd=tmp_path)
    assert again.returncode == 2
    assert f"note: stopped after 2 reports (2 kept from before) in {out}" in again.stderr, again.stderr
