"""The baseline document classifiers: TF-IDF (which ``unspun bench detect`` runs) and perplexity."""

from __future__ import annotations

import pytest

from unspun.eval.baselines import fit_perplexity_classifier, fit_tfidf_classifier, perplexity_features, training_texts
from unspun.eval.bench_detect import classifier_system
from unspun.eval.corpus import bbc_split
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MobySource


def test_it_learns_to_tell_spun_articles_from_their_originals() -> None:
    train, test = bbc_split()
    texts, labels = training_texts(train[:60], rates=(0.3, 0.5), seed=0)
    assert labels.count(False) == 60 and labels.count(True) == 120
    classifier = fit_tfidf_classifier(texts, labels)
    originals = [d.text for d in test[:20]]
    spinner = Spinner(MobySource(), rate=0.5, seed=1)
    spun = [spinner.spin(text).text for text in originals]
    clean_scores = classifier.probabilities(originals)
    spun_scores = classifier.probabilities(spun)
    # Unseen articles: most spun copies score above their own original.
    assert sum(s > c for s, c in zip(spun_scores, clean_scores, strict=True)) >= 16
    assert all(0.0 <= p <= 1.0 for p in clean_scores + spun_scores)
    system = classifier_system(classifier)
    findings, score = system.analyse(spun[0])
    assert findings == [] and score == pytest.approx(spun_scores[0])
    assert not system.finds_phrases and system.spun_bar == 0.5
    assert classifier.probabilities([]) == []


def test_it_refuses_data_of_one_class() -> None:
    with pytest.raises(ValueError, match="spun and clean"):
        fit_tfidf_classifier(["a text", "another text"], [False, False])




ORIGINAL = ("Tensions between Russia and the West have reached levels not seen since the end of the Cold War. "
            "The talks will continue next week in Geneva.")
SPUN = ("Stress between Russia and the West have actually reached degrees not seen because the end of the Cold "
        "War. The talks will proceed following week in Geneva.")


def test_perplexity_features_read_every_token_as_a_plain_causal_pass_does(smollm) -> None:
    import torch

    features = perplexity_features(smollm, ORIGINAL)
    ids = list(smollm.context_prefix) + list(smollm.encode(ORIGINAL.split(". ")[0] + "."))
    ids += list(smollm.encode(" " + ORIGINAL.split(". ")[1]))
    n = len(ids)
    backend = smollm.backend
    with torch.inference_mode():
        hidden = backend.hidden(torch.tensor([ids]), torch.arange(n)[None],
                                torch.tril(torch.ones(n, n, dtype=torch.bool))[None, None])
        logp = torch.log_softmax(backend.head(hidden[0, :-1]).float(), dim=-1)
        nll = -logp[torch.arange(n - 1), torch.tensor(ids[1:])].double()
    assert features["token_nll_mean"] == pytest.approx(float(nll.mean()), abs=1e-3)
    assert features["token_nll_spread"] == pytest.approx(float(nll.std(unbiased=False)), abs=1e-3)
    assert features["sentence_nll_spread"] > 0


def test_a_spun_text_surprises_the_model_more_and_the_classifier_learns_it(smollm) -> None:
    original, spun = perplexity_features(smollm, ORIGINAL), perplexity_features(smollm, SPUN)
    assert spun["token_nll_mean"] > original["token_nll_mean"] + 0.3
    classifier = fit_perplexity_classifier(smollm, [original, spun], [False, True])
    assert classifier.probability_of(spun) > 0.5 > classifier.probability_of(original)
    with pytest.raises(ValueError, match="a token after the context"):
        perplexity_features(smollm, "")


class _CountingLM:
    """A stand-in language model (no torch) whose token ``j`` of a tree has negative
    log-probability ``j``: the features then say exactly which tokens were read."""

    name = "counting"

    def __init__(self, prefix: tuple[int, ...]) -> None:
        self.context_prefix = prefix

    def encode(self, text: str) -> tuple[int, ...]:
        return tuple(ord(c) for c in text)

    def tree_logprobs(self, trees, batch_size: int = 16):
        import numpy as np

        return [np.array([0.0] + [-float(j) for j in range(1, len(t.tokens))]) for t in trees]


@pytest.mark.parametrize("prefix", [(), (7,), (7, 8)])
def test_perplexity_features_count_the_text_tokens_after_the_prefix_sentence_by_sentence(prefix) -> None:
    import statistics

    features = perplexity_features(_CountingLM(prefix), "Ab cd. Efg.")  # "Ab cd." then " Efg."
    first = max(1, len(prefix))
    n = len(prefix) + 6 + 5
    assert features["token_nll_mean"] == pytest.approx(statistics.fmean(range(first, n)))
    assert features["token_nll_spread"] == pytest.approx(statistics.pstdev(range(first, n)))
    one = statistics.fmean(range(first, len(prefix) + 6))
    two = statistics.fmean(range(len(prefix) + 6, n))
    assert features["sentence_nll_spread"] == pytest.approx(statistics.pstdev([one, two]))


def test_perplexity_features_read_at_most_max_tokens(monkeypatch) -> None:
    import statistics

    from unspun.eval import baselines

    monkeypatch.setattr(baselines, "MAX_TOKENS", 8)
    features = perplexity_features(_CountingLM((7,)), "Ab cd. Efg.")  # 1 + 6 + 1 of 5 tokens
    assert features["token_nll_mean"] == pytest.approx(statistics.fmean(range(1, 8)))
    with pytest.raises(ValueError, match="a token after the context"):
        perplexity_features(_CountingLM(()), "A")
