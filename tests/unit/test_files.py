"""The cache files' helpers (unspun._files)."""

import os
import re
import time
from pathlib import Path

from unspun import _files
from unspun._files import read_checked, remove_stale, write_checked

DAY = 86_400


def test_a_cache_file_read_is_marked_in_use_so_a_sweep_of_stale_ones_keeps_it(tmp_path: Path) -> None:
    # A Python 3.11 install and a 3.12 one sharing a cache folder write their marshal files
    # apart; the 3.12 one removed the 3.11 one's, read every day but written 30 days ago
    # (an audit, session 57).
    ours, theirs = tmp_path / "known-terms-a.marshal", tmp_path / "known-terms-b.marshal"
    write_checked(ours, {"x": 1}, prefix=".known-terms-")
    write_checked(theirs, {"x": 2}, prefix=".known-terms-")
    month_ago = time.time() - 40 * DAY
    os.utime(theirs, (month_ago, month_ago))
    assert read_checked(theirs) == {"x": 2}
    remove_stale(tmp_path, "known-terms-*.marshal", ours, 30 * DAY)
    assert theirs.exists()


def test_a_file_unread_and_unwritten_for_a_month_is_still_swept(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "known-terms-a.marshal", tmp_path / "known-terms-b.marshal"
    write_checked(ours, 1, prefix=".known-terms-")
    write_checked(theirs, 2, prefix=".known-terms-")
    month_ago = time.time() - 40 * DAY
    os.utime(theirs, (month_ago, month_ago))
    remove_stale(tmp_path, "known-terms-*.marshal", ours, 30 * DAY)
    assert ours.exists() and not theirs.exists()


def test_a_damaged_cache_file_is_not_marked_in_use(tmp_path: Path) -> None:
    path = tmp_path / "known-terms-a.marshal"
    write_checked(path, 1, prefix=".known-terms-")
    path.write_bytes(path.read_bytes()[:-1])
    month_ago = time.time() - 40 * DAY
    os.utime(path, (month_ago, month_ago))
    assert read_checked(path) is None
    assert path.stat().st_mtime < time.time() - 39 * DAY


def test_a_recent_cache_file_is_not_touched_on_every_read(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "known-terms-a.marshal"
    write_checked(path, 1, prefix=".known-terms-")
    touched: list[Path] = []
    monkeypatch.setattr(_files.os, "utime", lambda p, *a, **k: touched.append(p))
    assert read_checked(path) == 1 and touched == []


def test_the_index_binds_no_numbered_placeholders() -> None:
    # "?1" bound from a tuple warns on Python 3.12.1 ("a DeprecationWarning ... Starting with
    # Python 3.14 an sqlite3.ProgrammingError will be raised"): `python -W error` made every
    # trace an unexpected failure there (an audit, session 57).
    folder = Path(_files.__file__).parent / "index"
    numbered = [(path.name, line) for path in folder.glob("*.py")
                for line in path.read_text().splitlines() if re.search(r"[?]\d", line)]
    assert numbered == []
