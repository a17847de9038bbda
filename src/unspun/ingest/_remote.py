"""Inputs named by URL (``s3://bucket/crawl/``, ``gs://...``, ``hdfs://...``, ``file:///...``):
listed and read through fsspec, as a folder and its files are read from the disk.

A crawl of millions sits in an object store, not on a disk every Spark executor mounts.
fsspec knows the stores' URLs and opens their files as streams; its packages for each store
(s3fs, gcsfs, adlfs, pyarrow for HDFS) are the user's to install where the inputs are read,
with the store's credentials as they configure them (an S3 bucket: AWS's environment or
instance role). A folder is every file under the prefix, walked as a disk folder is walked:
each folder's files in name order before its subfolders, hidden names (a leading dot) passed
over, files of other types skipped and counted; each file is read by the reader its name
calls for, as a file on disk is, a stream at a time (a WARC is not loaded whole).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .._unicode import safe_text
from ..config import ReadConfig
from ..errors import InputError, TooLargeError
from ..models import Document
from ._decode import read_bounded

if TYPE_CHECKING:
    from . import ReadStats

_URL_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_STORE_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "abfs": "adlfs", "az": "adlfs",
                   "hdfs": "pyarrow", "http": "aiohttp", "https": "aiohttp"}
PDF_SPOOL_BYTES = 2 << 30
"""The most of a PDF named by URL that is copied to a local temporary file to be read (a
PDF is read from a file, its pages by seeking). 2 GiB, as much memory as its reading may use
(``unspun.ingest.pdf.PDF_MEMORY_BYTES``)."""


def is_url(name: str) -> bool:
    """Whether an input's name is a URL (``scheme://...``) rather than a file's name."""
    return _URL_RE.match(name) is not None


def local_name(name: str) -> str | None:
    """The file's name for a ``file://`` URL (``file:///data/crawl``: ``/data/crawl``), None
    for another URL, ``name`` itself when it is no URL. A URL's name is read as it is
    written, "%20" as three characters, as fsspec and Spark's Hadoop read it."""
    match = _URL_RE.match(name)
    if match is None:
        return name
    rest = name[match.end():]
    if match[1].lower() != "file":
        return None
    rest = rest.removeprefix("localhost")
    return rest if rest.startswith("/") else None


def url_files(url: str, stats: ReadStats) -> Iterator[str]:
    """The URLs of the files to read for ``url``: itself when it names a file; the readable
    files under it, in the order a folder on disk is walked, when it names a folder (a
    prefix of an object store). Raises :class:`InputError` when it cannot be listed."""
    from . import kind_of

    store, root = _store(url)
    info = _asked(url, lambda: store.info(root))
    if info.get("type") != "directory":
        yield url
        return
    found = _asked(url, lambda: store.find(root))
    walked = []
    top = root.rstrip("/")
    for path in found:
        parts = PurePosixPath(path[len(top):].lstrip("/")).parts
        if not parts or any(part.startswith(".") for part in parts[:-1]):
            continue  # under a hidden folder: the walk does not go in
        if parts[-1].startswith(".") or kind_of(PurePosixPath(parts[-1])) is None:
            stats.skipped_files += 1
            continue
        # Each folder's files before its subfolders, both in name order, as unspun.ingest._walk.
        walked.append(([(1, folder) for folder in parts[:-1]] + [(0, parts[-1])], path))
    for _, path in sorted(walked):
        yield store.unstrip_protocol(path)


def read_url(url: str, config: ReadConfig, on_error: Callable[[InputError], None] | None,
             stats: ReadStats) -> Iterator[Document]:
    """The documents of the file at ``url``, read by the reader its name calls for (a WARC,
    JSON Lines, a PDF, HTML, text; a name that tells nothing is sniffed, gzip unpacked), each
    named by the URL. The file's own errors are raised as :class:`InputError`; a JSON line's
    or a WARC record's go to ``on_error``, as from a file on disk."""
    from . import _read_stream, document_from_bytes, kind_of
    from .pdf import pdf_to_document

    name = safe_text(url)
    store, path = _store(url)
    kind = kind_of(PurePosixPath(path))
    with _asked(url, lambda: store.open(path, "rb")) as stream:
        if kind == "pdf":
            with tempfile.NamedTemporaryFile(prefix="unspun-", suffix=".pdf") as copy:
                _copy_bounded(stream, copy, PDF_SPOOL_BYTES, name)
                copy.flush()
                yield pdf_to_document(Path(copy.name), name, config)
        elif kind in ("html", "text"):
            yield document_from_bytes(read_bounded(stream, config.max_bytes, name), name, kind, config)
        else:  # a WARC, JSON Lines (gzipped or not), or a name that does not tell
            yield from _read_stream(stream, name, config, on_error, stats, warc_only=kind == "warc",
                                    jsonl_only=kind == "jsonl")


def _store(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url``, and the path within it."""
    scheme = _scheme(url)
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{safe_text(url)}: reading a URL needs fsspec (pip install fsspec)") from None
    if scheme == "file":  # fsspec reads file://localhost/ as a folder "localhost"
        path = local_name(url)
        if path is None:
            raise InputError(f"{safe_text(url)}: a file URL of another machine; name the file on this one")
        return fsspec.filesystem("file"), path
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:
        package = _STORE_PACKAGES.get(scheme, f"the fsspec package for {scheme}://")
        raise InputError(f"{safe_text(url)}: reading {scheme}:// needs {package} (pip install {package}, where the "
                         "inputs are read)") from None
    except ValueError as error:  # "Protocol not known"
        raise InputError(f"{safe_text(url)}: no reader for {scheme}:// URLs ({error})") from None


def _scheme(url: str) -> str:
    match = _URL_RE.match(url)
    return match[1].lower() if match is not None else ""


def _asked(url: str, ask: Callable[[], Any]) -> Any:
    """What ``ask`` of a store gives, its failures as one :class:`InputError`: a missing
    file, or the store's own errors (credentials, the network), whose types each store
    package defines."""
    try:
        return ask()
    except FileNotFoundError:
        raise InputError(f"{safe_text(url)}: no such file or folder") from None
    except PermissionError as error:
        raise InputError(f"{safe_text(url)}: cannot be read (permission denied: {error})") from None
    except Exception as error:  # botocore's, aiohttp's, pyarrow's... share no base but Exception
        message = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"{safe_text(url)}: cannot be read ({safe_text(message)[:300]})") from None


def _copy_bounded(source: Any, target: Any, limit: int, name: str) -> None:
    """Copy ``source`` into ``target``, or :class:`~unspun.errors.TooLargeError` past ``limit`` bytes."""
    copied = 0
    while block := source.read(_BLOCK):
        copied += len(block)
        if copied > limit:
            raise TooLargeError(f"{name}: a PDF of more than {limit:,} bytes, over the limit of what is copied to be "
                                "read")
        target.write(block)


_BLOCK = 1 << 20
