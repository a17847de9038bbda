"""Audit of the reading of text in capitals (unspun.capitals): case oddities, sentence starts,
and the disguises read before it."""

from __future__ import annotations

import pytest

import unspun
from unspun.capitals import in_ordinary_case, shouted
from unspun.restore import apply_steps

SPUN = ("The irregular woodland beat the baseline on every test, and the bosom peril screening "
        "improved the flag to commotion ratio of the scanner that the clinic uses.")


def _everything(word: str) -> bool:
    return True


def test_a_known_word_with_a_capital_sharp_s_at_a_sentence_start_keeps_its_length() -> None:
    # "ẞ" lowers to "ß", whose capital is "SS": capitalising the lowered word put two
    # characters where one was, and every offset after it moved.
    text = "ẞA IS HERE. ẞB"
    read = in_ordinary_case(text, _everything)
    assert len(read) == len(text)
    assert read == "ẞa is here. ẞb"


@pytest.mark.parametrize("text, expected", [
    ("PROFITS FELL 3%. THE FIRM SAID SO", "Profits fell 3%. The firm said so"),
    ("1. THE FIRST POINT\n2. THE SECOND", "1. The first point\n2. The second"),
])
def test_a_one_digit_number_is_no_initial_a_sentence_goes_on_after(text: str, expected: str) -> None:
    # Only a letter is an initial ("U.S.", "J. SMITH"): a sentence ending in "3%." or a
    # numbered line ("1. THE") starts the next in lower case, which the tokenizer's sentence
    # splitter (a capital after the stop) then joins to the one before.
    assert in_ordinary_case(text, _everything) == expected


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029"])
def test_every_line_break_of_the_tokenizer_starts_a_sentence(brk: str) -> None:
    # A lone CR (old Mac files), NEL, LINE and PARAGRAPH SEPARATOR end a line as "\n" does.
    assert in_ordinary_case(f"THE FIRM GREW{brk}THE PLAN", _everything) == f"The firm grew{brk}The plan"


def test_a_decomposed_accent_inside_a_word_in_capitals_does_not_split_it() -> None:
    # The tokenizer reads "NAI\u0308VE" as one word (combining marks belong to it); split at
    # the mark, its halves were recased apart: "Nai\u0308Ve", a word in mixed case.
    text = "THE NAI\u0308VE RE\u0301SUME\u0301 OF SA\u0303O PAULO"
    read = in_ordinary_case(text, {"the", "of", "naïve"}.__contains__)
    assert read == "The Nai\u0308ve Re\u0301sume\u0301 of Sa\u0303o Paulo"
    assert len(read) == len(text)


@pytest.mark.parametrize("word", ["NEEDN'T", "MIGHTN'T", "OUGHTN'T", "SHAN'T"])
def test_negative_contractions_are_read_as_words_not_names(word: str) -> None:
    # "DON'T" is "don't"; these went unknown ("needn" is no word) and were capitalised as names.
    assert in_ordinary_case(f"YOU {word} GO", {"you", "go", "need", "might", "ought", "shall"}.__contains__) == (
        f"You {word.lower()} go")


def test_a_text_in_capitals_with_long_words_in_small_letters_is_still_shouted() -> None:
    # The documented rule counts words (80% in capitals, 8 or more); the shortcut that counts
    # letters called a text with a few long words in small letters (a link, a hash) not shouted.
    text = "THE FIRM SAID ON FRIDAY THAT IT WOULD BUY THE NEW PLAN " + " ".join(["qwertyuiopasdfghjklzxcvbnm"] * 2)
    assert sum(c.islower() for c in text) > sum(c.isupper() for c in text)  # more small letters than capitals
    assert shouted(text)


def test_a_word_broken_at_a_line_end_in_capitals_is_read_whole() -> None:
    # unspun.disguise joins "irregu-\nlar" (read before the capitals): it required a small
    # letter after the break, so "IRREGU-\nLAR" stayed two words and "WOODLAND BEAT" was
    # called a tortured phrase, restored as "FOREST AREA".
    ordinary = unspun.check(SPUN.replace("irregular", "irregu-\nlar"))
    loud = unspun.check(SPUN.upper().replace("IRREGULAR", "IRREGU-\nLAR"))
    assert [(f.start, f.end) for f in loud.findings] == [(f.start, f.end) for f in ordinary.findings]
    assert loud.restored == ordinary.restored.upper()


def test_a_ligature_in_a_word_in_capitals_gets_its_suggestion_in_capitals() -> None:
    # "ﬂ" reads "fl" (unspun.disguise), in small letters: "flAG TO COMMOTION" was no phrase in
    # capitals to match_case, so its suggestion and the restored text came in small letters.
    loud = SPUN.upper().replace("FLAG", "\ufb02AG")
    report = unspun.check(loud)
    finding = next(f for f in report.findings if f.text.startswith("\ufb02AG"))
    assert finding.suggestion == "SIGNAL TO NOISE"
    assert "SIGNAL TO NOISE RATIO" in report.restored
    assert apply_steps(loud, report.steps) == report.restored


def test_a_word_too_long_for_english_is_read_as_a_name_without_a_lookup() -> None:
    # known_word keeps what it looked up: a long code or link in capitals would fill it.
    from unspun.capitals import known_word

    before = known_word.cache_info().currsize
    code = "X" * 46
    assert in_ordinary_case(f"THE FIRM SAID {code} TODAY", _everything) == f"The firm said X{code[1:].lower()} today"
    assert in_ordinary_case(f"THE FIRM SAID {code} TODAY").split()[3] == "X" + code[1:].lower()
    assert known_word.cache_info().currsize <= before + 4  # the other words, not the code
