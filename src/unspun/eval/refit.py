"""Refit one part of a deep model file in place, leaving every other model in it as it was:
the command line that ``train_surprise`` and ``train_suspected`` share."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..detect.model import DetectorModel

Log = Callable[[str], None]
Refit = Callable[[DetectorModel, int, Log], DetectorModel]


def refit_main(prog: str, description: str, refit: Refit, part: str, meta_keys: Sequence[str],
               argv: Sequence[str] | None = None) -> int:
    """Parse ``--seed`` and ``--model`` (default: the shipped deep model file), refit the
    model read from that file with ``refit``, and write back its ``part`` (the key of
    ``DetectorModel.to_dict``) and the ``meta_keys`` of its meta."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, help="the deep model file to update (default: the shipped one)")
    args = parser.parse_args(argv)
    from .train import default_output

    path = args.model or default_output(deep=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    fitted = refit(DetectorModel.from_dict(data), args.seed, lambda message: print(message, file=sys.stderr))
    write_back(path, data, fitted, part, meta_keys)
    return 0


def write_back(path: Path, data: dict[str, Any], fitted: DetectorModel, part: str, meta_keys: Sequence[str]) -> None:
    """Put ``fitted``'s ``part`` (a key of ``DetectorModel.to_dict``) and the ``meta_keys`` of
    its meta into the model file's ``data``, every other model in it as it was, and write it
    to ``path``."""
    data[part] = fitted.to_dict()[part]
    for key in meta_keys:
        data["meta"][key] = fitted.meta[key]
    write_model_file(path, data)


def write_model_file(path: Path, data: dict[str, Any]) -> None:
    """Write a model file as the package keeps them (sorted keys, one space of indent: its
    diffs stay readable) and say so on stderr."""
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
