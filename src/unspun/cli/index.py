"""``unspun index add|stats|remove|export``: build and inspect an on-disk index of original documents."""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ReadConfig
from ..errors import IndexStoreError
from ..report import one_line
from ._common import (
    DONE_STATUS_HELP,
    ErrorLog,
    add_input_options,
    as_sentence,
    error_line,
    index_files,
    index_path,
    named_file,
    note_passed_over,
    open_output,
    progress,
    refuse_index_among_inputs,
    require_stdout,
    whole_number_at_least,
)

if TYPE_CHECKING:
    from ..index import Index
    from ..models import Document

HELP = "build, grow and inspect an index of original documents (for unspun trace)"


def register(commands: Any) -> None:
    parser = commands.add_parser("index", help=HELP, description=as_sentence(HELP), epilog=DONE_STATUS_HELP)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add documents (created if missing)", epilog=DONE_STATUS_HELP,
                             description="Add documents to the index, creating it if missing. Each batch is one "
                             "transaction: an interrupted add keeps what it committed, and a rerun completes it.")
    _index_option(add)
    add_input_options(add)
    add.add_argument("--batch-size", type=whole_number_at_least(1), default=500,
                     help="documents per transaction (default 500)")
    add.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    add.set_defaults(run=run_add)

    stats = actions.add_parser("stats", help="print the index's statistics as JSON", epilog=DONE_STATUS_HELP,
                               description="Print the index's statistics (documents, size, parameters) as JSON.")
    _index_option(stats)
    stats.set_defaults(run=run_stats)

    check = actions.add_parser(
        "check", help="check the index's integrity", epilog=DONE_STATUS_HELP,
        description="Check the index's integrity: SQLite's quick_check of every page, its counters against its "
        "tables, and every stored text and meta read back. Reads the whole file, so it takes as long as reading it "
        "does. A damaged index is an error line per problem, exit status 2: rebuild it from its originals, or from "
        "what 'unspun index export' can still read of it.")
    _index_option(check)
    check.set_defaults(run=run_check)

    remove = actions.add_parser("remove", help="remove documents by id", epilog=DONE_STATUS_HELP,
                                description="Remove documents from the index by id (an id not there is an error).")
    _index_option(remove)
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(run=run_remove)

    export = actions.add_parser(
        "export", help="write every stored document as JSON Lines", epilog=DONE_STATUS_HELP,
        description="Write every document the index stores as JSON Lines, oldest first: its id, title and text, "
        "and what else its reader recorded. It is what 'unspun index add' reads, so an index built by an older "
        "unspun can be built again with this one's rules (unspun index add --index NEW EXPORT.jsonl), or moved.")
    _index_option(export)
    export.add_argument("--output", "-o", metavar="FILE", type=named_file,
                        help="write to FILE instead of standard output ('-': standard output)")
    export.set_defaults(run=run_export)


def _index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", required=True, type=index_path, metavar="PATH", help="the index file")


def run_add(args: argparse.Namespace) -> int:
    from ..index import AddResult, Index
    from ..ingest import STDIN_ID, ReadStats, read

    errors = ErrorLog()
    stats = ReadStats()
    shown = one_line(str(args.index))  # a name's control characters and line breaks written out, as errors have them
    refuse_index_among_inputs(args.index, args.inputs)
    # An index already there is opened before any input is read: a file that is not one is
    # refused at once, not after a long read.
    index = None if _is_new(args.index) else Index.open(args.index)
    if index is not None:
        _note_older_rules(index)
    result = committed = AddResult()
    try:
        with progress(not args.no_progress, "indexing") as advance:
            documents = _with_words(read(args.inputs, ReadConfig(max_bytes=args.max_bytes), on_error=errors,
                                         stats=stats, require_documents=True), errors)
            streams = {STDIN_ID if item == "-" else item for item in args.inputs
                       if item == "-" or _REUSED_NAME_RE.fullmatch(item)}
            if streams:
                documents = _streams_named_by_content(documents, streams)
            if index is None:
                # A new index is made only once a document to put in it has arrived, so an
                # add that reads nothing leaves no file. Making it first and removing it when
                # it stayed empty lost whatever another add started meanwhile had put in it.
                peeked = _peeked(documents)
                if peeked is not None:
                    documents, index = peeked, _create_or_open(args.index)
            if index is not None:
                done = 0

                def report(result: Any) -> None:
                    nonlocal done, committed
                    advance(result.documents - done)
                    done, committed = result.documents, result

                result = index.add(documents, batch_size=args.batch_size, progress=report)
    except BaseException:
        # A full disk, a lock held too long, Ctrl-C: the batches committed so far stay, and
        # the user is told how far the add got before the error line (an audit, session 56).
        if index is not None:
            batches = f"{committed.batches:,} committed batch{'' if committed.batches == 1 else 'es'}"
            print(f"{shown}: stopped after {batches} ({committed.added:,} added, {committed.replaced:,} replaced, "
                  f"{committed.unchanged:,} unchanged: kept; once the cause below is dealt with, rerunning the add "
                  "completes it)", file=sys.stderr)
        raise
    finally:
        if index is not None:
            index.close()
    note_passed_over(stats)
    if index is None:
        print(f"{shown}: nothing added, so not created", file=sys.stderr)
    else:
        print(f"{shown}: {result.added:,} added, {result.replaced:,} replaced, {result.unchanged:,} unchanged "
              f"in {result.batches} batch{'' if result.batches == 1 else 'es'}, {result.seconds:.1f} s", file=sys.stderr)
        if result.repeated:
            # Said only in the replaced count, a collection holding an id twice lost a copy
            # without a word (an audit, session 62).
            ids = "id" if result.repeated == 1 else "ids"
            print(f"note: {result.repeated:,} of the replaced came earlier in this add under the same id with "
                  f"another text (the first: {one_line(result.first_repeated or '')}); each id keeps its last copy, "
                  f"so give the {ids} apart to keep both", file=sys.stderr)
    return 2 if errors.count else 0  # an input that held no document is one (read's require_documents)


def _with_words(documents: Iterator[Document], errors: ErrorLog) -> Iterator[Document]:
    """The documents that hold a word, each other one an input error as check and trace
    have it: "123 456" was stored, and exit 0, where an empty file was an error."""
    from ..errors import EmptyInputError, placed
    from ..pipeline import require_something_to_read

    for document in documents:
        try:
            require_something_to_read(document.text, document.id)
        except EmptyInputError as error:
            errors(placed(error, document.where_read))  # named by where it was read too, as check names it
            continue
        yield document


# A shell's process substitution, `unspun index add <(zcat a.txt.gz)`, names a pipe whose
# number every run reuses (/dev/fd/63), and /dev/stdin is one name for every text: stored
# under it, each add replaced the last one's original (an audit, session 56).
_REUSED_NAME_RE = re.compile(r"/dev/stdin|/dev/fd/[0-9]+|/proc/(self|[0-9]+)/fd/[0-9]+")


def _streams_named_by_content(documents: Iterator[Document], streams: set[str]) -> Iterator[Document]:
    """A text read from standard input or from a pipe a shell named (``streams``: the ids
    they are read under, ``stdin`` and the names matching ``_REUSED_NAME_RE`` among the
    inputs), stored under an id made from its content: under the stream's name each such add
    replaced the last one's original; so is one JSON value read from it, or a list's item.
    Records of JSON Lines name their own; a file of another name keeps its path."""
    import dataclasses
    import hashlib

    from ..ingest import STDIN_ID

    for document in documents:
        # One JSON value read from the stream is named by it too ("stdin", a list's "stdin[2]"):
        # stored so, each add from standard input replaced the last one's (a review, session 63).
        listed = document.source == "jsonl" and document.id.endswith("]")
        stream = document.id.partition("[")[0] if listed else document.id
        if stream in streams and document.source in ("text", "html", "jsonl"):
            digest = hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            named = document.id
            prefix = STDIN_ID if stream == STDIN_ID else "pipe"
            document = dataclasses.replace(document, id=f"{prefix}-{digest}")
            print(f"{named}: stored as {document.id}", file=sys.stderr)
        yield document


def _note_older_rules(index: Index) -> None:
    """Say on stderr when ``index`` keys its texts by older skeleton rules than this unspun's
    (it keeps them: each added text is keyed as its other texts are)."""
    from ..index import SKELETON_VERSION

    if index.params.skeleton_version < SKELETON_VERSION:
        print(f"note: {one_line(index.path)} keys its texts by skeleton rules v{index.params.skeleton_version} (this unspun's "
              f"are v{SKELETON_VERSION}, which find more originals: copied from PDFs, disguised, written in "
              "capitals or with accents other than a copy's); "
              "to rebuild it: unspun index export, then unspun index add into a new index", file=sys.stderr)


def _is_new(path: Path) -> bool:
    """Whether ``path`` holds no index yet: no file, or an empty one (which creation replaces)."""
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def _peeked(documents: Iterator[Document]) -> Iterator[Document] | None:
    """``documents`` whole again, or ``None`` when it yields none (its first is read to know)."""
    first = next(documents, None)
    return None if first is None else itertools.chain([first], documents)


def _create_or_open(path: Path) -> Index:
    """A new index at ``path``; or the one another add created there since this one looked
    (several adds started together on a new path all add to the one index)."""
    from ..index import Index

    try:
        return Index.create(path)
    except IndexStoreError:
        if _is_new(path):
            raise  # a real failure, not a lost race: no index appeared
    return Index.open(path)


def run_stats(args: argparse.Namespace) -> int:
    from ..index import Index

    require_stdout("statistics")
    with Index.open(args.index, readonly=True) as index:
        print(json.dumps(index.stats(), indent=2, default=str))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..index import Index

    require_stdout("the verdict")
    # Damage that stops the index opening at all (its header) is the open's error line.
    with Index.open(args.index, readonly=True) as index:
        problems = index.check()
        documents = index.stats().get("documents", 0) if not problems else 0
    for problem in problems:
        print(error_line(f"{args.index}: {problem}"), file=sys.stderr)
    if problems:
        return 2
    print(f"{args.index}: sound, {documents:,} document{'' if documents == 1 else 's'}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from .._unicode import safe_text
    from ..index import Index

    missing = 0
    with Index.open(args.index) as index:
        # A path's undecodable bytes come from the command line as lone surrogates: named as
        # `index add` named the file (safe_text's "\xff"), or the path it printed could not be
        # given back (an audit, session 62). An id named twice is removed once, not "missing"
        # the second time.
        for doc_id in dict.fromkeys(safe_text(raw) for raw in args.ids):
            if not index.remove(doc_id):
                print(error_line(f"{doc_id}: not in the index"), file=sys.stderr)
                missing += 1
    return 2 if missing else 0


def run_export(args: argparse.Namespace) -> int:
    from ..index import Index
    from ..ingest.jsonl import exported_record
    from ..report import json_line

    # One read transaction: an add replacing documents meanwhile showed part of its batch
    # (an audit, session 56: 13,903 old texts and 3,897 new, a state that never existed).
    with Index.open(args.index, readonly=True) as index, \
            open_output(args.output, index_files(args.index)) as out, index.snapshot():
        for doc_id in index.ids():
            document = index.get(doc_id)
            if document is None:  # removed meanwhile: only a reader without locks sees it (Index.snapshot)
                continue
            out.write(json_line(exported_record(document), allow_nan=False) + "\n")
    return 0
