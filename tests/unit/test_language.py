"""unspun.language: a text in another language is not read as spun English.

The foreign paragraphs here are in languages other than those the bars were placed with
(benchmarks/english_shares.py), so they test the bars rather than repeat them."""

import pytest

from tests.conftest import needs_deep
from unspun import check
from unspun.language import MIN_WORDS, english_shares, reads_as_english
from unspun.report import summary_line

FOREIGN = {
    "Norwegian": "Regjeringen la tirsdag fram et nytt forslag om å bygge flere boliger i de største byene. "
    "Ifølge statsråden skal det bygges titusenvis av leiligheter de neste årene, men kommunene mener at "
    "pengene ikke strekker til og at planene kommer altfor sent for dem som trenger et sted å bo.",
    "Finnish": "Hallitus esitteli tiistaina uuden suunnitelman asuntopulan helpottamiseksi suurimmissa "
    "kaupungeissa. Ministerin mukaan lähivuosina rakennetaan kymmeniätuhansia uusia asuntoja, mutta "
    "kunnat pitävät rahoitusta riittämättömänä ja vaativat valtiolta lisää tukea hankkeille ennen vaaleja. "
    "Päätös tehdään ensi kuussa.",
    "Polish": "Rząd przedstawił we wtorek nowy plan walki z kryzysem mieszkaniowym w dużych miastach. "
    "Według ministry w najbliższych latach powstaną setki tysięcy mieszkań, jednak samorządy oceniają, "
    "że przewidziane środki są zdecydowanie niewystarczające, a terminy całkowicie nierealne dla gmin.",
    "Indonesian": "Pemerintah pada hari Selasa memaparkan rencana baru untuk mengatasi krisis perumahan di "
    "kota-kota besar. Menurut menteri, ratusan ribu rumah akan dibangun dalam beberapa tahun mendatang, "
    "tetapi para wali kota menilai anggaran yang disiapkan masih jauh dari cukup untuk mencapai target itu.",
    "Romanian": "Guvernul a prezentat marți un nou plan pentru combaterea crizei locuințelor din marile "
    "orașe. Potrivit ministrei, în următorii ani vor fi construite sute de mii de locuințe, însă primarii "
    "s-au arătat sceptici și au declarat că fondurile prevăzute sunt cu mult insuficiente pentru obiective.",
}

ENGLISH = {
    "news": "The government set out a new plan on Tuesday to tackle the housing shortage in the largest "
    "cities. The minister said hundreds of thousands of homes would be built over the next few years, "
    "but mayors warned that the money on offer was far from enough to meet the targets.",
    "spun news": "The federal government laid out a new strategy on Tuesday to take on the real estate "
    "lack in the biggest cities. The priest stated hundreds of thousands of residences would certainly "
    "be constructed over the following few years, yet mayors cautioned that the cash available was much "
    "from sufficient to satisfy the targets.",
    "tortured science": "We compare an irregular woodland with a help vector machine and a profound "
    "neural organization on bosom peril pictures. The flag to commotion proportion of the information "
    "is low, so the irregular woodland reaches the best exactness on the approval set in every fold.",
    "capitals": "THE GOVERNMENT SET OUT A NEW PLAN ON TUESDAY TO TACKLE THE HOUSING SHORTAGE IN THE "
    "LARGEST CITIES. THE MINISTER SAID HUNDREDS OF THOUSANDS OF HOMES WOULD BE BUILT OVER THE NEXT FEW "
    "YEARS, BUT MAYORS WARNED THAT THE MONEY ON OFFER WAS FAR FROM ENOUGH TO MEET THE TARGETS.",
}


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_do_not_read_as_english(language: str) -> None:
    assert english_shares(FOREIGN[language])[2] >= MIN_WORDS
    assert not reads_as_english(FOREIGN[language])


@pytest.mark.parametrize("kind", sorted(ENGLISH))
def test_english_reads_as_english_spun_or_not(kind: str) -> None:
    assert reads_as_english(ENGLISH[kind])


def test_a_short_text_is_read_as_english() -> None:
    assert reads_as_english("Het kabinet heeft dinsdag een plan gepresenteerd.")


def test_check_does_not_call_another_language_spun() -> None:
    # Dutch news was "spun (score 0.94)" with findings such as vier -> field.
    text = ("Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. Volgens "
            "de minister moeten er de komende tien jaar bijna een miljoen huizen worden gebouwd, vooral in de "
            "grote steden. Gemeenten zijn kritisch en zeggen dat er te weinig geld beschikbaar is.")
    report = check(text)
    assert (report.verdict, report.score, report.findings, report.restored) == ("uncertain", 0.5, (), text)
    assert report.stats["not_english"] is True
    assert report.stats["words"] == len(text.split())
    assert "does not read as English" in summary_line(report.to_dict())
    assert "not_english" not in check(ENGLISH["spun news"]).stats


def test_french_in_words_english_shares_is_not_english() -> None:
    # A regression case, not a test of the bars: this paragraph (benchmarks/english_shares.py
    # now measures it) knew 80% of its words in the English lexicon and was read as English.
    text = ("Les tensions entre la Russie et l'Occident ont atteint des niveaux inédits depuis la fin de la "
            "guerre froide. Selon des documents divulgués, l'alliance militaire occidentale envisage de "
            "renforcer sa présence dans les pays baltes. Le président a déclaré mardi que son gouvernement "
            "ne céderait pas aux pressions.")
    assert not reads_as_english(text)
    assert check(text).stats["not_english"] is True


@needs_deep
def test_deep_mode_on_another_language_says_which_model_and_needs_it_installed() -> None:
    # A text not read as English gave "mode: deep" without the model's name or budget, and
    # without its extra installed no error, where an English text says what to install (an
    # audit, session 62).
    from unspun import CheckConfig, MissingExtraError
    from unspun.deep import GEMMA3_270M, SMOLLM2, check_installed

    text = FOREIGN[next(iter(FOREIGN))]
    stats = check(text, CheckConfig(deep_candidates=10), deep=True).stats
    assert (stats["mode"], stats["language_model"], stats["deep_candidates"], stats["not_english"]) == (
        "deep", SMOLLM2.name, 10, True)
    try:
        check_installed(GEMMA3_270M)
    except MissingExtraError:
        with pytest.raises(MissingExtraError, match="gemma"):
            check(text, CheckConfig(language_model=GEMMA3_270M.name), deep=True)
