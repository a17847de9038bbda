"""Skeletons and signature keys: what survives spinning, containment, stability."""

from __future__ import annotations

from unspun.index import IndexParams, signature_keys, skeleton

from ._texts import make_text, spin

DENSE = IndexParams(sample_mod=1, anchors=0, min_keys=0)


def test_skeleton_keeps_function_words_names_numbers_and_sentence_ends() -> None:
    assert skeleton("Profits at Acme rose 12% in May, Ms Novak said.") == ["at", "acme", "12", "in", "may", "ms", "novak", "."]


def test_skeleton_drops_content_words_and_fillers() -> None:
    original = "The firm said that it had sold the unit and would buy another."
    spun = "The business also stated that it had actually sold the division as well as would purchase another."
    assert skeleton(original) == skeleton(spun) == ["the", "that", "it", "had", "the", "would", "."]


def test_sentence_initial_capital_is_not_a_name_but_capitals_are() -> None:
    assert skeleton("Profits rose in May. Earnings rose.") == skeleton("Gains rose in May. Returns rose.") == ["in", "may", "."]
    assert skeleton("AOL rose.") == ["aol", "."]
    assert skeleton("Also, profits at AOL rose.") == skeleton("Profits at AOL rose.")


def test_spun_copy_shares_most_keys_and_unrelated_text_few() -> None:
    text = make_text(1)
    keys = set(signature_keys(text, DENSE))
    for rate in (0.3, 0.5, 0.7):
        shared = keys & set(signature_keys(spin(text, rate, seed=3), DENSE))
        assert len(shared) >= 0.6 * len(keys), rate
    unrelated = set(signature_keys(make_text(2), DENSE))
    assert len(keys & unrelated) <= 0.15 * len(keys)


def test_passage_keys_are_contained_in_the_keys_of_a_text_that_holds_it() -> None:
    passage = make_text(5, paragraphs=2)
    page = make_text(6, paragraphs=3) + "\n\n" + passage + "\n\n" + make_text(7, paragraphs=3)
    sparse = IndexParams(sample_mod=4, anchors=0, min_keys=0)
    assert set(signature_keys(passage, sparse)) <= set(signature_keys(page, sparse))
    assert signature_keys(passage, sparse)


def test_sampling_keeps_a_share_of_the_keys() -> None:
    text = make_text(8, paragraphs=8)
    dense = signature_keys(text, DENSE)
    sparse = signature_keys(text, IndexParams(sample_mod=4, anchors=0, min_keys=0))
    assert set(sparse) <= set(dense)
    assert 0.1 * len(dense) <= len(sparse) <= 0.45 * len(dense)


def test_short_texts_still_get_keys() -> None:
    assert signature_keys("Hello there", IndexParams())
    assert signature_keys("Quarterly expedience astronomic", IndexParams())
    assert signature_keys("", IndexParams()) == []
    assert signature_keys("!!! ...", IndexParams()) == []


def test_keys_are_sorted_distinct_signed_32_bit() -> None:
    keys = signature_keys(make_text(9), IndexParams())
    assert keys == sorted(set(keys))
    assert all(-(2**31) <= k < 2**31 for k in keys)


def test_keys_are_stable_across_runs() -> None:
    # If this changes, indexes built before no longer match their queries: bump
    # SKELETON_VERSION together with the new expected values.
    text = "The bank said on Monday that it would raise rates by 0.5% in March, Mr Osborne said."
    assert signature_keys(text, IndexParams(sample_mod=1))[:3] == [-1955645566, -1487786442, -611285969]
