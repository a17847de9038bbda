"""Settings objects refuse what they cannot mean: a wrong type is a TypeError naming the
field, a value out of its range a ValueError, both when the object is made."""

from typing import Any

import pytest

from unspun.config import CheckConfig, ReadConfig, TraceConfig

NAN = float("nan")


@pytest.mark.parametrize(
    ("settings", "error", "field"),
    [
        # Zero candidates or matches reported "no source in the collection" of an indexed source.
        ({"candidates": 0}, ValueError, "candidates"),
        ({"candidates": -1}, ValueError, "candidates"),
        ({"candidates": "x"}, TypeError, "candidates"),
        ({"candidates": 2.5}, TypeError, "candidates"),
        ({"candidates": True}, TypeError, "candidates"),
        ({"max_matches": 0}, ValueError, "max_matches"),
        ({"max_matches": -1}, ValueError, "max_matches"),  # silently dropped the last match
        ({"min_aligned_words": -1}, ValueError, "min_aligned_words"),
        ({"min_aligned_words": None}, TypeError, "min_aligned_words"),
        ({"source_confidence": 5}, ValueError, "source_confidence"),  # findings of confidence 5
        ({"source_confidence": -0.1}, ValueError, "source_confidence"),
        ({"source_confidence": True}, TypeError, "source_confidence"),
        ({"min_coverage": NAN}, ValueError, "min_coverage"),
        ({"min_coverage": float("inf")}, ValueError, "min_coverage"),
        ({"min_coverage": "0.1"}, TypeError, "min_coverage"),
        ({"min_candidate_score": 1.5}, ValueError, "min_candidate_score"),
        ({"also_check": "no"}, TypeError, "also_check"),
    ],
)
def test_trace_config_refuses_bad_settings(settings: dict[str, Any], error: type[Exception], field: str) -> None:
    with pytest.raises(error, match=field):
        TraceConfig(**settings)


def test_trace_config_takes_the_edges_of_each_range() -> None:
    config = TraceConfig(candidates=1, min_candidate_score=0, min_coverage=1.0, min_aligned_words=0, max_matches=1,
                         source_confidence=1, also_check=True)
    assert config.candidates == 1 and config.source_confidence == 1


@pytest.mark.parametrize(
    ("max_bytes", "error"),
    [(NAN, TypeError), (1e6, TypeError), ("big", TypeError), (None, TypeError), (True, TypeError),
     (0, ValueError), (-5, ValueError)],
)
def test_read_config_wants_a_whole_number_of_bytes(max_bytes: object, error: type[Exception]) -> None:
    # NaN made a 2,750-byte file "empty input"; "big" and None failed deep inside the readers.
    with pytest.raises(error, match="max_bytes must be a whole number of at least 1"):
        ReadConfig(max_bytes)  # type: ignore[arg-type]


def test_read_config_takes_one_byte() -> None:
    assert ReadConfig(1).max_bytes == 1


@pytest.mark.parametrize(
    ("settings", "error", "field"),
    [
        ({"min_confidence": "0.5"}, TypeError, "min_confidence"),
        ({"spun_threshold": None}, TypeError, "spun_threshold"),
        ({"restore_confidence": True}, TypeError, "restore_confidence"),
        ({"clean_threshold": NAN}, ValueError, "clean_threshold"),
        ({"suspect": "yes"}, TypeError, "suspect"),
    ],
)
def test_check_config_names_the_field_of_a_bad_setting(settings: dict[str, Any], error: type[Exception],
                                                        field: str) -> None:
    with pytest.raises(error, match=field):
        CheckConfig(**settings)


def test_check_config_refuses_an_inverted_band() -> None:
    # Inverted, a score of 0.5 would be at once over the spun bar and under the clean one.
    with pytest.raises(ValueError, match=r"clean_threshold \(0.8\) must not be above spun_threshold \(0.2\)"):
        CheckConfig(spun_threshold=0.2, clean_threshold=0.8)


def test_check_config_takes_an_empty_uncertain_band() -> None:
    config = CheckConfig(spun_threshold=0.5, clean_threshold=0.5)
    assert config.spun_threshold == config.clean_threshold
