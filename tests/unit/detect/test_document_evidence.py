"""The document scorer's summaries of a text, and their shrinking in short texts."""

from __future__ import annotations

import math
import re

import pytest

from unspun.detect.candidates import Candidate, Option
from unspun.detect.context import TextContext
from unspun.detect.document_evidence import CLEAN_PRIOR, PRIOR_WORDS, DocumentScorer
from unspun.detect.engine import distinct_phrases
from unspun.models import Finding


def _swap(context: TextContext, index: int, delta: float, zipf: float = 4.5) -> Candidate:
    token = context.tokens[index]
    option = Option("other", ("other",), {"lm_delta_pmi": delta})
    return Candidate(token.start, token.end, index, index + 1, "swap", [option],
                     {"zipf_seen": zipf, "lm_seen_fit": 0.0})


def _content_words(context: TextContext) -> list[int]:
    return [i for i, w in context.words.items() if not w.protected and w.key.isalpha()]


def test_every_candidate_gets_the_same_summaries_of_the_text() -> None:
    context = TextContext.build(" ".join(["Officials discussed the budget plan again."] * 40))
    content = _content_words(context)
    candidates = [_swap(context, i, 2.0 if n % 2 else -1.0) for n, i in enumerate(content)]
    DocumentScorer().score(context, candidates)
    first = {k: v for k, v in candidates[0].features.items() if k.startswith("doc_")}
    assert all({k: v for k, v in c.features.items() if k.startswith("doc_")} == first for c in candidates)
    weight = len(content) / (len(content) + PRIOR_WORDS)
    share = sum(1 for n, _ in enumerate(content) if n % 2) / len(content)
    assert first["doc_better_share"] == pytest.approx(weight * share + (1 - weight) * CLEAN_PRIOR["doc_better_share"])
    assert first["doc_log_words"] == pytest.approx(math.log(len(context.words)))


def test_a_short_text_reads_almost_like_clean_news() -> None:
    context = TextContext.build("Bosom peril grew quickly.")
    candidates = [_swap(context, i, 3.0, zipf=2.0) for i in _content_words(context)]
    DocumentScorer().score(context, candidates)
    features = candidates[0].features
    # Every word looks swapped, yet a handful of words cannot outweigh the prior much.
    assert features["doc_better_share"] < 0.3
    assert features["doc_rare_share"] < 0.2


def test_a_long_text_full_of_odd_words_stands_out() -> None:
    context = TextContext.build(" ".join(["Officials argued the budget plan fiercely."] * 60))
    candidates = [_swap(context, i, 3.0, zipf=2.0) for i in _content_words(context)]
    DocumentScorer().score(context, candidates)
    assert candidates[0].features["doc_better_share"] > 0.8
    assert candidates[0].features["doc_rare_share"] > 0.8


def test_no_candidates_no_work() -> None:
    DocumentScorer().score(TextContext.build("Nothing here."), [])


def test_candidates_without_options_and_texts_without_content_words() -> None:
    context = TextContext.build("It is what it was.")
    bare = Candidate(0, 2, 0, 1, "swap", [], {})
    DocumentScorer().score(context, [bare])
    # No evidence at all: the prior, almost untouched (one pseudo content word of weight).
    assert bare.features["doc_better_share"] == pytest.approx(CLEAN_PRIOR["doc_better_share"] * PRIOR_WORDS / (PRIOR_WORDS + 1))
    assert bare.features["doc_delta_mean"] == pytest.approx(CLEAN_PRIOR["doc_delta_mean"] * PRIOR_WORDS / (PRIOR_WORDS + 1))


def test_a_listed_phrase_counts_once_in_the_document_score() -> None:
    text = "Search engines rank pages. The search engine market grew, and one search-engine led."
    mentions = list(re.finditer(r"[Ss]earch[ -]engines?", text))
    confidences = (0.35, 0.4, 0.35)
    listed = [Finding(m.start(), m.end(), m.group(), "machine learning", c, ("known-phrase",), kind="tortured-phrase")
              for m, c in zip(mentions, confidences, strict=True)]
    other = Finding(0, 6, "Search", "look", 0.9, ("known-phrase",), kind="tortured-phrase")
    kept = distinct_phrases(text, [*listed, other])
    assert kept == [listed[1], other]  # one per phrase, the most confident mention


def test_the_document_score_combines_each_listed_phrase_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun.detect import engine

    model = engine.shipped_model()
    assert model is not None
    text = "Search engines rank pages. The search engine market grew, and one search engine led."
    context = TextContext.build(text)
    mentions = [Finding(m.start(), m.end(), m.group(), "machine learning", 0.35, ("known-phrase",),
                        kind="tortured-phrase") for m in re.finditer(r"[Ss]earch engines?", text)]
    features = engine.document_features(context, [], [], [])
    monkeypatch.setattr(engine, "document_features", lambda *args: features)  # the noisy-OR alone
    once = engine.document_score(model, context, [], mentions[:1], [])[1]
    assert engine.document_score(model, context, [], mentions, [])[1] == pytest.approx(once)
    other = Finding(0, 6, "Search", "look", 0.35, ("known-phrase",), kind="tortured-phrase")
    assert engine.document_score(model, context, [], [*mentions, other], [])[1] > once


def _restored(text: str, phrase: str, confidence: float) -> Finding:
    start = text.index(phrase)
    return Finding(start, start + len(phrase), phrase, "random forest", confidence, ("thesaurus", "term"),
                   kind="tortured-phrase")


@pytest.mark.parametrize("words", [20, 99, 100, 400])
def test_a_sure_restored_term_counts_as_a_listed_phrase_does_at_any_length(words: int) -> None:
    """A restored term at ``SURE_TERM`` or more joins the listed phrases' noisy-OR as an
    ambiguous entry, once per phrase; one below it moves a text of 100 words or more not at
    all. A 185-word abstract with "haphazard timberland" and "disarray lattice" restored at
    0.99 was "clean" (0.002)."""
    from unspun.detect import engine

    model = engine.shipped_model()
    assert model is not None
    filler = " ".join(["The officials discussed the plan."] * (words // 5))
    text = f"We trained a haphazard timberland. {filler} The haphazard timberland won."
    context = TextContext.build(text)
    base = engine.document_score(model, context, [], [], [])[1]
    first = _restored(text, "haphazard timberland", 0.99)
    again = Finding(text.rindex("haphazard"), text.rindex("haphazard") + 20, "haphazard timberland", "random forest",
                    0.97, ("thesaurus", "term"), kind="tortured-phrase")
    sure = engine.document_score(model, context, [], [], [first, again])[1]
    assert sure == pytest.approx(1.0 - (1.0 - base) * (1.0 - engine.SURE_TERM_EVIDENCE))  # once
    if len(context.words) >= engine.DOCUMENT_MODEL_MIN_WORDS:
        unsure = _restored(text, "haphazard timberland", engine.SURE_TERM - 0.01)
        assert engine.document_score(model, context, [], [], [unsure])[1] == pytest.approx(base)
