"""``unspun lexicon build``: build the synonym lexicon's cache now, rather than on first use."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ._common import WORK_STATUS_HELP, as_sentence, require_stdout

HELP = "build the synonym lexicon cache (WordNet + Moby) and print its statistics"


def register(commands: Any) -> None:
    parser = commands.add_parser("lexicon", help=HELP, description=as_sentence(HELP), epilog=WORK_STATUS_HELP)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="(re)build the cache", description="(Re)build the lexicon cache.",
                               epilog=WORK_STATUS_HELP)
    build.add_argument("--cache-dir", type=_folder, help="where to write it (default $UNSPUN_CACHE or ~/.cache/unspun)")
    build.set_defaults(run=run_build)


def _folder(value: str) -> Path:
    if not value.strip():
        # Path("") is the current folder: a 24 MB cache written where the user stands.
        raise argparse.ArgumentTypeError("an empty path; name a folder")
    path = Path(value)
    try:
        a_file = path.exists() and not path.is_dir()  # said "File exists" when the build tried to make it
    except OSError:  # a name too long, a folder on the way that cannot be entered: the build says so
        a_file = False
    if a_file:
        raise argparse.ArgumentTypeError(f"{value}: not a folder; name a folder (it is made if it does not exist)")
    return path


def run_build(args: argparse.Namespace) -> int:
    from ..lexicon import Lexicon, build

    require_stdout("statistics")
    path = build(args.cache_dir)
    print(json.dumps(Lexicon.open(path).stats(), indent=2, default=str))
    return 0
