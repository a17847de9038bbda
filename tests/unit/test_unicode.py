"""Lone surrogates: found, described and written out the same way everywhere."""

from __future__ import annotations

import pytest

from unspun._unicode import describe_lone_surrogate, lone_surrogate_at, safe_text, strings_in


@pytest.mark.parametrize(("value", "at"), [("plain", None), ("café 😀", None), ("ab\ud800c", 2), ("\udcff", 0),
                                           ("😀\udfff", 1)])
def test_the_first_lone_surrogate_is_found(value: str, at: int | None) -> None:
    assert lone_surrogate_at(value) == at


def test_the_description_names_the_code_point_and_where() -> None:
    assert describe_lone_surrogate("x \ud800") == "a lone surrogate (\\ud800) at character 2: not valid Unicode"
    assert describe_lone_surrogate("fine") is None


def test_strings_are_found_in_nested_values_keys_too() -> None:
    assert sorted(strings_in({"a": [1, "b", {"c": ("d",)}], 2: None})) == ["a", "b", "c", "d"]


def test_deep_nesting_is_walked_without_recursion() -> None:
    value: object = "end"
    for _ in range(100_000):
        value = [value]
    assert list(strings_in(value)) == ["end"]


@pytest.mark.parametrize(("value", "shown"), [("/tmp/\udcff.txt", "/tmp/\\xff.txt"), ("a\ud800b", "a\\ud800b"),
                                              ("plain", "plain")])
def test_safe_text_writes_out_undecodable_bytes_and_surrogates(value: str, shown: str) -> None:
    assert safe_text(value) == shown
    safe_text(value).encode("utf-8")  # storable and printable
