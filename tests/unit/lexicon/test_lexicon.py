"""The full lexicon: the reverse view on known spinner swaps, lookups, frequencies, speed."""

from __future__ import annotations

import functools
import subprocess
import sys
from importlib import resources

import pytest

import unspun.lexicon
from unspun.lexicon import Lexicon, Link, Source, inflect, lemmas, penn_tag_guess


def originals_of(lexicon: Lexicon, surface: str, sources: int = Source.ORIGINALS) -> set[str]:
    """Every lemma a spinner could have replaced with ``surface``, over all its readings."""
    found = set()
    for lemma, pos in lexicon.readings(surface):
        found |= {link.lemma for link in lexicon.originals(lemma, pos, sources=sources)}
    return found


SPINNER_SWAPS = [
    ("drip", "leak"),
    ("dripped", "leak"),
    ("paper", "document"),
    ("papers", "document"),
    ("safety", "security"),
    ("stress", "tension"),
    ("degree", "level"),
    ("degrees", "level"),
    ("woodland", "forest"),
    ("irregular", "random"),
    ("consciousness", "intelligence"),
    ("counterfeit", "artificial"),
    ("the executives", "management"),
    pytest.param(
        "subscription", "membership",
        marks=pytest.mark.xfail(strict=True, reason="neither WordNet nor Moby links them, either way"),
    ),
]


@pytest.mark.parametrize(("seen", "original"), SPINNER_SWAPS)
def test_reverse_view_finds_the_original(lexicon: Lexicon, seen: str, original: str) -> None:
    assert original in originals_of(lexicon, seen, Source.ALL)
    assert original in originals_of(lexicon, seen) or seen == "the executives"


def test_the_executives_is_in_moby_forward_only(lexicon: Lexicon) -> None:
    """Moby's "management" lists "the executive"; "the executive" lists nothing."""
    assert "management" in {link.lemma for link in lexicon.originals("the executive")}
    assert "the executive" in {link.lemma for link in lexicon.synonyms("management")}
    assert lexicon.synonyms("the executive", sources=Source.MOBY_LISTS) == ()


def test_a_spun_word_is_restored_and_reinflected(lexicon: Lexicon) -> None:
    seen = "dripped"
    (lemma, pos), *_ = lexicon.readings(seen)
    tag = penn_tag_guess(seen, lemma, pos)
    restored = [inflect(link.lemma, tag) for link in lexicon.originals(lemma, pos)]
    assert (lemma, pos, tag) == ("drip", "VERB", "VBD") and "leaked" in restored


def test_links_are_sorted_by_strength_and_limit_takes_the_head(lexicon: Lexicon) -> None:
    links = lexicon.originals("paper")
    strengths = [link.strength for link in links]
    assert len(links) > 100 and strengths == sorted(strengths, reverse=True)
    assert lexicon.originals("paper", limit=10) == links[:10]
    top = links[0]
    assert isinstance(top, Link) and top.lemma in lexicon and top.flags & Source.ORIGINALS


def test_part_of_speech_filters_links(lexicon: Lexicon) -> None:
    nouns = lexicon.originals("stress", "NOUN")
    assert nouns and all("NOUN" in link.pos for link in nouns)
    assert len(nouns) < len(lexicon.originals("stress"))
    with pytest.raises(ValueError, match="NOUN, VERB, ADJ, ADV"):
        lexicon.originals("stress", "noun")


def test_views_are_mirror_images(lexicon: Lexicon) -> None:
    """u is an original of w through Moby exactly when w is a Moby synonym of u."""
    for word in ("paper", "forest", "drip", "random", "intelligence"):
        for link in lexicon.originals(word, sources=Source.MOBY_LISTED_BY):
            back = {b.lemma: b for b in lexicon.synonyms(link.lemma, sources=Source.MOBY_LISTS)}
            assert word in back and back[word].pos == link.pos
        for link in lexicon.originals(word, sources=Source.WORDNET):
            assert word in {b.lemma for b in lexicon.originals(link.lemma, sources=Source.WORDNET)}


def test_lookup_keys_are_normalised(lexicon: Lexicon) -> None:
    assert lexicon.knows("Leak Out") and lexicon.knows("  leak_out ") and "leak out" in lexicon
    assert lexicon.originals("LEAK  OUT") == lexicon.originals("leak out")
    assert not lexicon.knows("irregular woodland") and lexicon.originals("irregular woodland") == ()
    assert lexicon.pos_of("paper") == {"NOUN", "VERB"} and lexicon.pos_of("qwxzv") == frozenset()


def test_entries_are_capped_and_clean(lexicon: Lexicon) -> None:
    vocab = lexicon._vocab
    assert lexicon.max_words == unspun.lexicon.MAX_WORDS == 3
    assert max(lemma.count(" ") for lemma in vocab) == 2
    assert all(lemma == lemma.lower().strip() and "_" not in lemma for lemma in vocab)
    assert "they" not in lexicon and "the" not in lexicon
    stats = lexicon.stats()
    assert stats["lemmas"] == len(lexicon) > 150_000 and stats["links"] > 3_000_000


def test_zipf_covers_lemmas_other_words_and_phrases(lexicon: Lexicon) -> None:
    assert lexicon.zipf("the") > 7.5 and lexicon.zipf("leaked") > 3
    assert lexicon.zipf("forest") > lexicon.zipf("woodland") > 0
    assert lexicon.zipf("irregular woodland") < min(lexicon.zipf("irregular"), lexicon.zipf("woodland"))
    assert lexicon.zipf("qwxzv") == 0.0 and lexicon.zipf("qwxzv forest") == 0.0


def _pairs() -> list[tuple[str, str]]:
    text = resources.files("unspun.data").joinpath("tortured-phrases.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:]]
    return [(row[0].lower(), row[1].lower()) for row in rows if len(row) >= 2]


def test_reverse_view_explains_a_third_of_tortured_phrases(lexicon: Lexicon) -> None:
    """Quality floor: same-length PPS pairs whose every changed word has its original among
    the originals of the spun word (33.1% of all 3,866 pairs when written; 36.5% with
    ``Source.ALL``). Raise the floors when the lexicon improves, never lower them silently."""

    @functools.cache
    def link_flags(spun: str) -> dict[str, int]:
        flags: dict[str, int] = {}
        for lemma, pos in lexicon.readings(spun):
            for link in lexicon.originals(lemma, pos, sources=Source.ALL):
                flags[link.lemma] = flags.get(link.lemma, 0) | link.flags
        return flags

    def explained(spun: str, original: str, sources: int) -> bool:
        flags = link_flags(spun)
        targets = {original} | {lemma for lemma, _ in lemmas(original)}
        return spun == original or any(flags.get(target, 0) & sources for target in targets)

    pairs = [(s.split(), o.split()) for s, o in _pairs() if len(s.split()) == len(o.split())]
    for sources, floor in ((Source.ORIGINALS, 0.325), (Source.ALL, 0.36)):
        hits = sum(all(explained(s, o, sources) for s, o in zip(*pair, strict=True)) for pair in pairs)
        assert hits / len(_pairs()) >= floor


def test_importing_and_loading_stays_light(lexicon: Lexicon) -> None:
    """Neither import nor load touches nltk, wordfreq or lemminflect; loading is quick."""
    code = (
        "import sys, time\n"
        "import unspun.lexicon\n"
        "heavy = {'nltk', 'wordfreq', 'lemminflect'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
        "started = time.perf_counter()\n"
        "lexicon = unspun.lexicon.Lexicon.load()\n"
        "lexicon.originals('paper'), lexicon.zipf('papers')\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
        "print(time.perf_counter() - started)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(done.stdout) < 1.0  # about 0.1 s; generous for a loaded test machine


def test_odd_arguments_are_named() -> None:
    # Session 51: limit=-1 kept all links but the last, a str cache folder raised "unsupported
    # operand", and inflect("") gave "s".
    from unspun.lexicon import default_cache_dir

    lexicon = Lexicon.load(str(default_cache_dir()))
    assert lexicon is Lexicon.load()
    for limit in (-1, 2.5, True):
        with pytest.raises(ValueError, match="limit must be"):
            lexicon.originals("forest", limit=limit)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a lemma is a str"):
        lexicon.synonyms(b"forest")  # type: ignore[arg-type]
    for lemma in ("", "  "):
        with pytest.raises(ValueError, match="inflect needs a word"):
            inflect(lemma, "NNS")


def test_frequencies_are_rounded_as_pythons_round_rounds_them() -> None:
    # The float32 cache's values rounded by numpy: the same to the bit as round(v, 2), ties
    # (0.125, 2.675 as stored) and every tenth of a thousandth between -1 and 9 included.
    import numpy as np

    from unspun.lexicon._lexicon import rounded

    values = np.concatenate([np.arange(-1.0, 9.0, 0.00001, dtype=np.float64).astype(np.float32),
                             np.array([0.125, 0.375, 2.675, 1.005, -0.125, 7.995], dtype=np.float32)])
    assert rounded(values) == [round(v, 2) for v in values.tolist()]
    doubles = np.array([2.675, 1.005, 0.125], dtype=np.float64)
    assert rounded(doubles) == [round(v, 2) for v in doubles.tolist()]
