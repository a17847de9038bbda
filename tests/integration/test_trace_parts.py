"""Tracing a page that joins a copy of an indexed text with other words: each source speaks
for the part it aligns, and the source-free detector for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun import Document, TraceConfig
from unspun.index import Index
from unspun.pipeline import SOURCE_FOUND, trace
from unspun.restore import apply_steps

from .test_trace import ORIGINALS, SPUN, index_path  # noqa: F401 (the fixture)

# The example page's kind of spinning, with tortured terms no index holds.
SPUN_ELSEWHERE = (
    "Stress between Russia and the West have actually reached degrees not seen because the end of the Cold War. "
    "Analysts used an irregular woodland and bosom peril screening, and also the flag to commotion ratio was low. "
    "The U.S. accuses Moscow of preparing an invasion, a claim Moscow refutes, and has actually warned of serious "
    "consequences, as well as sanctions."
)


@pytest.fixture
def index(index_path: Path) -> Index:  # noqa: F811 (the fixture imported above)
    return Index.open(index_path, readonly=True)


def test_a_faithful_copy_beside_spun_words_from_elsewhere_is_spun(index: Index) -> None:
    page = ORIGINALS[1].text + "\n\n" + SPUN_ELSEWHERE
    with index:
        report = trace(page, index)
    assert report.trace_verdict == SOURCE_FOUND and report.matches[0].id == "budget"
    assert report.matches[0].coverage < 0.9 and not report.matches[0].substitutions
    assert report.verdict == "spun" and report.score >= 0.7  # it was "clean", score 0, the detector unread
    copied_part = len(ORIGINALS[1].text)
    assert report.findings and all(f.start > copied_part for f in report.findings)  # none inside the copy


def test_a_whole_faithful_copy_stays_clean_without_the_detector(index: Index) -> None:
    with index:
        report = trace(ORIGINALS[1].text, index)
    assert report.verdict == "clean" and report.score == 0.0 and report.findings == ()


def test_every_match_speaks_for_the_part_it_explains(index: Index) -> None:
    # A faithful copy of one story (the better match) joined to a spun copy of another.
    page = ORIGINALS[1].text + "\n\n" + SPUN
    with index:
        report = trace(page, index)
    assert {m.id for m in report.matches} >= {"budget", "harbour"}
    assert report.verdict == "spun" and report.score >= 0.7
    sources = {f.note.split("the source ")[1].split(" ")[0] for f in report.findings if f.evidence == ("source",)}
    assert sources == {"harbour"}
    assert report.restored.startswith(ORIGINALS[1].text + "\n\n")  # the faithful copy as it was
    assert "Fishing boats returned within hours, and the first ferry is expected next week." in report.restored
    assert apply_steps(page, report.steps) == report.restored


def test_full_coverage_is_a_share() -> None:
    with pytest.raises(ValueError, match="full_coverage"):
        TraceConfig(full_coverage=1.5)


def test_documents_keep_their_ids(index: Index) -> None:
    with index:
        report = trace(Document("page-1", "", ORIGINALS[1].text + "\n\n" + SPUN_ELSEWHERE), index)
    assert report.id == "page-1"
