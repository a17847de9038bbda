"""Installed packages as data: where one lies and which version it is, without importing it."""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path


def package_folder(name: str) -> Path | None:
    """The folder of the installed package ``name`` (an import name), found without
    importing it; None when it is not installed."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def installed_version(distribution: str, missing: str = "missing") -> str:
    """The installed version of ``distribution``, or ``missing`` when it is not installed."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return missing
