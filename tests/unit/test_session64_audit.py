"""Defects a developer's audit of the Python API found (session 64): each test failed on the
code as audited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from unspun import CheckConfig, Document, Index, TraceConfig, check, check_many, trace
from unspun.restore import apply_steps

_ORIGINAL = ("Russia is ready to continue security dialogue with the United States and NATO despite Moscow's "
             "displeasure with their rejection of its security demands, Foreign Minister Sergei Lavrov told "
             "President Vladimir Putin on Monday. Tensions between Russia and the West have reached levels not "
             "seen since the end of the Cold War after Moscow massed more than 100,000 troops near Ukraine.")
_ADDED = "\n\nIn other news, the lab said it ran an irregular woodland on bosom peril scans."


def test_trace_restores_the_detector_s_findings_beside_a_source(tmp_path: Path) -> None:
    # A page joining a faithful copy with words from elsewhere: the detector's findings on
    # the rest were listed, but the restored text left them as written (its steps came from
    # the source's edits only), where check() restored them.
    with Index.create(tmp_path / "o.db") as index:
        index.add([Document("afp-1", "", _ORIGINAL)])
        page = _ORIGINAL + _ADDED
        for config in (TraceConfig(), TraceConfig(also_check=True)):
            report = trace(page, index, config)
            assert {"irregular woodland", "bosom peril"} <= {f.text for f in report.findings}
            assert "random forest" in report.restored and "breast cancer" in report.restored
            assert report.restored == check(page).restored
            assert apply_steps(page, report.steps) == report.restored


def _texts_then_a_failure() -> Iterator[str | Document]:
    yield "We trained an irregular woodland on the scans."
    yield Document("empty", "", " ")
    yield "They measured the flag to commotion proportion."
    raise ValueError("the caller's generator broke")


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_many_reports_what_it_read_before_its_input_failed(jobs: int) -> None:
    # With jobs=2 nothing read before the input's error came back, nor went to on_error: the
    # pool's shutdown dropped what was queued. One job reported both first.
    reports: list[str] = []
    refused: list[str] = []
    with pytest.raises(ValueError, match="generator broke"):
        for report in check_many(_texts_then_a_failure(), jobs=jobs, on_error=lambda error: refused.append(str(error))):
            reports.append(report.verdict)
    assert reports == ["spun", "spun"]
    assert len(refused) == 1 and refused[0].startswith("empty:")


_FRENCH = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les ménages face à la "
           "hausse des prix de l'énergie, a indiqué le ministre de l'Économie lors d'une conférence de presse à "
           "Paris. Les aides seront versées dès le mois prochain aux foyers les plus modestes du pays.")


@pytest.mark.parametrize("config", [CheckConfig(spun_threshold=0.5), CheckConfig(clean_threshold=0.6, spun_threshold=0.9)])
def test_a_text_not_read_as_english_is_uncertain_whatever_the_bars(config: CheckConfig) -> None:
    # Its score 0.5 is no score the detector gave: the caller's bars made it "spun" or "clean".
    report = check(_FRENCH, config)
    assert report.stats["not_english"] is True
    assert (report.verdict, report.score) == ("uncertain", 0.5)


def test_index_add_refuses_a_meta_key_that_is_no_str_before_writing(tmp_path: Path) -> None:
    # Keys of mixed types failed to sort as the batch was written: a bare "'<' not supported
    # between instances of 'str' and 'int'" from inside it.
    with Index.create(tmp_path / "o.db") as index:
        index.add([Document("kept", "", "A first text that stays.")])
        with pytest.raises(TypeError, match=r"document 'm': its meta keys must be str, not int \(1\)"):
            index.add([Document("m", "", "p q r", meta={1: "a", "b": 2})])
        assert list(index.ids()) == ["kept"]


_PLAIN = "The minister said the new plant would open next year and employ about 300 people in the town."


@pytest.mark.parametrize("added", [" She posted 👩\u200d💻 later.", "\ufeff", " The \u200eend."])
def test_read_through_is_left_out_where_nothing_was_read_through(added: str) -> None:
    # An emoji's joiner, a byte order mark or a direction mark between words is dropped from
    # the reading, and stats.read_through said so with every count 0.
    text = added + _PLAIN if added == "\ufeff" else _PLAIN + added
    assert "read_through" not in check(text).stats


def test_read_through_still_counts_a_disguised_word() -> None:
    assert check(_PLAIN.replace("minister", "mini\u200bster")).stats["read_through"]["disguised_words"] == 1


def test_a_detector_step_beside_a_source_s_edit_leaves_it_whole(tmp_path: Path) -> None:
    # The detector's step for "an irregular woodland" takes its article in, which the
    # source's edit "an -> the" changes too: apply_steps raised on the overlap (a review).
    source = _ORIGINAL.replace("on Monday.", "on Monday. The lab said it ran the irregular woodland on the scans.")
    page = source.replace("ran the irregular", "ran an irregular")
    with Index.create(tmp_path / "o.db") as index:
        index.add([Document("afp-1", "", source)])
        report = trace(page, index, TraceConfig(also_check=True))
    assert [(f.text, f.suggestion) for f in report.findings if "source" in f.evidence] == [("an", "the")]
    # The detector's phrase is restored alone, the source's edit writing its article; the
    # phrase was left as written (a second review).
    assert apply_steps(page, report.steps) == report.restored == source.replace("irregular woodland", "random forest")
