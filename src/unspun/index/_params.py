"""The parameters an index is built with; stored in the index and checked on every open."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ..errors import IndexMismatchError
from ._signatures import SKELETON_VERSION


@dataclass(frozen=True, slots=True)
class IndexParams:
    """How signatures are computed; an index refuses queries made with other values.

    ``shingle`` is the n-gram length over skeleton items, ``sample_mod`` keeps one n-gram in
    that many (content-defined, so copied passages keep their keys; larger means a smaller
    index and less recall on short passages), ``anchors`` adds that many of the smallest
    hashes of each text (so short texts always have keys), and texts with fewer than
    ``min_keys`` keys also get word-trigram keys (exact copies of short texts).
    ``skeleton_version`` names the skeleton rules (:data:`~unspun.index.SKELETON_VERSION`
    for a new index; an index of the rules before, 1, still opens and keeps them) and
    ``lexicon_version`` the lexicon the index was built with (``"none"``: signatures do not
    use one; the case reading of a stored text in capitals under skeleton rules 2 does, and
    is not tied to it: ``Index._keys_of``).

    >>> IndexParams().shingle, IndexParams().sample_mod
    (6, 4)
    >>> IndexParams(shingle=0)
    Traceback (most recent call last):
    ...
    ValueError: shingle must be between 1 and 16, not 0
    """

    shingle: int = 6
    sample_mod: int = 4
    anchors: int = 2
    min_keys: int = 4
    skeleton_version: int = SKELETON_VERSION
    lexicon_version: str = "none"

    def __post_init__(self) -> None:
        # Types first: stored parameters come from a JSON file that may have been edited, and
        # a string compared with a number below would fail with a message about neither.
        for name in _INTEGERS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an integer, not {value!r}")
        if not isinstance(self.lexicon_version, str):
            raise TypeError(f"lexicon_version must be a string, not {self.lexicon_version!r}")
        if not 1 <= self.shingle <= 16:
            raise ValueError(f"shingle must be between 1 and 16, not {self.shingle}")
        if not 1 <= self.sample_mod <= _MAX_SAMPLE_MOD:
            raise ValueError(f"sample_mod must be between 1 and {_MAX_SAMPLE_MOD:,}, not {self.sample_mod}")
        if self.anchors < 0 or self.min_keys < 0:
            raise ValueError("anchors and min_keys cannot be negative")

    def to_dict(self) -> dict[str, Any]:
        """The parameters as a JSON-ready mapping (what the index stores)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexParams:
        """Parameters from a stored mapping; unknown keys are an error, missing keys take the
        defaults of the version that wrote them (there is only one so far); a value of the
        wrong type or out of range raises :class:`TypeError` or :class:`ValueError`."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise IndexMismatchError(
                f"the index records parameters this unspun does not know ({', '.join(unknown)}); "
                "it was built by a newer unspun: upgrade, or rebuild the index"
            )
        return cls(**data)

    def differences(self, other: IndexParams) -> list[str]:
        """``name: ours != theirs`` for every parameter that differs.

        >>> IndexParams().differences(IndexParams(shingle=5, lexicon_version="moby-1"))
        ['shingle: 6 != 5', "lexicon_version: 'none' != 'moby-1'"]
        """
        out = []
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if mine != theirs:
                out.append(f"{f.name}: {mine!r} != {theirs!r}")
        return out


# The sample keeps n-grams whose 64-bit hash it divides (as a numpy uint64); one of more than a
# million would keep almost only the anchors.
_MAX_SAMPLE_MOD = 1 << 20
_INTEGERS = ("shingle", "sample_mod", "anchors", "min_keys", "skeleton_version")
