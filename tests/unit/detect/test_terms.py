"""The tortured-term detector: restorations, windows, the learned model and its training data."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter

import pytest

from unspun.deep import GEMMA3_270M, SMOLLM2
from unspun.detect.context import TextContext
from unspun.detect.known_phrases import clean_expected, load_list, make_phrases
from unspun.detect.terms import (
    VERIFIER_FEATURES,
    TermModel,
    TermRestorer,
    shipped_term_model,
    term_key,
    term_suggestion_features,
    term_words,
    verifier_row,
)
from unspun.eval.metrics import normalise_phrase
from unspun.eval.train_terms import _phrase_samples, phrase_words
from unspun.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_a_window_restores_into_a_lexicon_term_without_any_list(lexicon: Lexicon) -> None:
    restorer = TermRestorer([], lexicon)
    texts = [r.text for r in restorer.restorations(["counterfeit", "consciousness"])]
    assert "artificial intelligence" in texts


def test_word_pairs_learned_from_the_list_restore_other_terms(lexicon: Lexicon) -> None:
    # The list teaches glorp -> zibble with one pair (made-up words: no lexicon links them);
    # a window that reuses the learned word restores through it into a term another pair lists.
    phrases = make_phrases([("glorp woodland", "zibble forest"), ("quux technique", "zibble technique")])
    restorer = TermRestorer(phrases, lexicon)
    assert restorer.restorations(["glorp", "technique"])[0].text == "zibble technique"
    assert not TermRestorer([], lexicon).restorations(["glorp", "technique"])


def test_a_restoration_is_written_as_the_term_in_the_number_of_the_window(lexicon: Lexicon) -> None:
    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon)
    # The swapped-back noun takes the number of the noun it replaces; kept words stay as seen.
    assert "random forests" in [r.text for r in restorer.restorations(["irregular", "woodlands"])]
    assert "hidden layers" in [r.text for r in restorer.restorations(["concealed", "layers"])]
    # Of one stem's words ("acid", "acidic") the term's, not the first original met.
    texts = [r.text for r in restorer.restorations(["benzoic", "corrosive"])]
    assert "benzoic acid" in texts and "benzoic acidic" not in texts


def test_agreement_keeps_the_terms_case_and_hyphens_and_writes_no_rare_forms(lexicon: Lexicon) -> None:
    phrases = make_phrases([("monte carlo technique", "Monte Carlo method"),
                            ("sign to commotion proportion", "signal-to-noise ratio")])
    restorer = TermRestorer(phrases, lexicon)
    assert restorer.restorations(["monte", "carlo", "techniques"])[0].text == "Monte Carlo methods"
    assert restorer.restorations(["sign", "to", "commotion", "proportions"])[0].text == "signal-to-noise ratios"
    # A mass noun has no plural anyone writes: "information" stays as it is.
    texts = [r.text for windows in (["computer", "sciences"], ["physical", "sciences"])
             for r in restorer.restorations(windows)]
    assert "computer information" in texts and not any("informations" in text for text in texts)


def test_matching_finds_every_known_term_the_options_spell(lexicon: Lexicon) -> None:
    # The index answers what a scan of every known term would: each term of the window's size
    # whose every position is one of that word's original stems.
    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon)
    known = restorer.known
    for words in (["counterfeit", "consciousness"], ["irregular", "woodland"], ["bosom", "peril", "rate"]):
        options = [restorer._originals(w) for w in words]
        every = {key for key in {*known.listed, *known.lexical, *known.web, *known.technical, *known.field}
                 if len(key) == len(words) and all(k in o for k, o in zip(key, options, strict=True))}
        assert set(known.matching(options)) == every
        ends = known.ends(len(words), options[-1])
        starts = known.starts(len(words), options[0])
        assert list(known.matching(options, ends, starts)) == list(known.matching(options))
        sized = {key for key in {*known.listed, *known.lexical, *known.web, *known.technical, *known.field}
                 if len(key) == len(words)}
        assert set(starts) == {stem for stem in options[0] if any(key[0] == stem for key in sized)}
    assert every == set()  # three words no term is made of: nothing, and no error


def test_a_known_term_is_never_restored_into_itself(lexicon: Lexicon) -> None:
    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon)
    assert all(normalise_phrase(r.text) != "random forest" for r in restorer.restorations(["random", "forest"]))


def test_windows_leave_names_numbers_and_quotations_alone(lexicon: Lexicon) -> None:
    restorer = TermRestorer([], lexicon)
    context = TextContext.build('Maria Lopez saw 12 deep lakes and said "quiet blue water" there.')
    windows = [" ".join(words) for _, _, words in restorer.windows(context)]
    assert "deep lakes" in windows
    assert not any("lopez" in w or "12" in w or "quiet" in w or "water" in w for w in windows)
    assert all(context.text[s:e].lower() == " ".join(w) for s, e, w in restorer.windows(context))


def test_windows_run_across_hyphens_but_not_across_spaced_dashes(lexicon: Lexicon) -> None:
    restorer = TermRestorer([], lexicon)
    context = TextContext.build("The flag-to-commotion proportion fell - sharply.")
    windows = {context.text[s:e] for s, e, _ in restorer.windows(context)}
    assert "flag-to-commotion" in windows and "flag-to-commotion proportion" in windows
    assert not any("-" in w and "sharply" in w for w in windows)


def test_windows_take_a_hyphenated_compound_whole_or_not_at_all(lexicon: Lexicon) -> None:
    restorer = TermRestorer([], lexicon)
    context = TextContext.build("A Linux-based portable device ran a flag-to-commotion proportion test.")
    windows = {context.text[s:e] for s, e, _ in restorer.windows(context)}
    assert "portable device" in windows and "flag-to-commotion proportion" in windows
    assert not {"based portable", "based portable device", "commotion proportion", "to-commotion proportion"} & windows


def test_without_a_model_nothing_is_found(lexicon: Lexicon) -> None:
    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon)
    assert restorer.find(TextContext.build("We trained an irregular woodland.")) == []


def test_findings_carry_exact_offsets_and_ranked_alternatives(lexicon: Lexicon) -> None:
    model = shipped_term_model()
    assert model is not None, "src/unspun/data/term-model.json is missing: python -m unspun.eval.train_terms"
    permissive = dataclasses.replace(model, threshold=0.0)
    restorer = TermRestorer(make_phrases(load_list()), lexicon, permissive)
    text = "Yesterday the counterfeit consciousness lab, with its bosom peril unit, opened."
    findings = restorer.find(TextContext.build(text))
    assert findings
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.suggestion not in finding.alternatives
        assert finding.kind == "tortured-phrase" and "term" in finding.evidence
    starts = [f.start for f in findings]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


def test_the_model_survives_a_round_trip() -> None:
    model = shipped_term_model()
    assert model is not None
    again = TermModel.from_dict(model.to_dict())
    row = {"seen_pmi": -0.3, "gain_logprob": 2.0, "r_listed": 1.0, "r_learned": 2.0}
    assert again.threshold == model.threshold
    assert again.deep_threshold == model.deep_threshold
    assert again.window.probabilities([row]).tolist() == model.window.probabilities([row]).tolist()
    assert model.verifiers and again.verifiers == model.verifiers
    assert model.gate is not None and again.gate == model.gate
    assert again.gate_bar == model.gate_bar
    assert model.suggestion is not None and again.suggestion == model.suggestion


def test_restored_terms_say_how_sure_their_suggestion_is(lexicon: Lexicon) -> None:
    model = shipped_term_model()
    assert model is not None and model.suggestion is not None
    restorer = TermRestorer(make_phrases(load_list()), lexicon, dataclasses.replace(model, threshold=0.0))
    findings = restorer.find(TextContext.build("Yesterday the counterfeit consciousness lab, with its bosom peril unit, opened."))
    assert findings
    for finding in findings:
        assert finding.suggestion_confidence is not None and 0.0 < finding.suggestion_confidence < 1.0
    # The estimate reads the ranker's scores: a clear winner is surer than a close call.
    window = {"seen_zipf_mean": 3.0, "seen_logprob": -5.0, "seen_pmi": -1.0, "r_changed_share": 1.0, "gain_logprob": 2.0}
    clear = model.suggestion_confidence([3.0, -2.0], 2, window)
    close = model.suggestion_confidence([0.5, 0.49], 2, window)
    assert clear is not None and close is not None and clear > close
    # Without a calibrator in the model, no estimate.
    bare = TermRestorer(make_phrases(load_list()), lexicon, dataclasses.replace(model, threshold=0.0, suggestion=None))
    assert all(f.suggestion_confidence is None
               for f in bare.find(TextContext.build("Yesterday the counterfeit consciousness lab opened.")))


def test_the_term_calibrator_reads_the_window_beside_the_ranker_scores() -> None:
    features = term_suggestion_features([2.0, 1.0], 5, {"seen_pmi": 1.5, "seen_listed": 1.0})
    assert features["margin"] == 1.0 and features["log_options"] == pytest.approx(math.log(5))
    assert features["seen_pmi"] == 1.5 and features["r_changed_share"] == 0.0  # a feature not given reads 0
    assert "seen_listed" not in features and "confidence" not in features


def test_the_gate_turns_away_windows_before_their_restorations(lexicon: Lexicon) -> None:
    model = shipped_term_model()
    assert model is not None and model.gate is not None and model.gate_bar is not None
    text = ("The government has confirmed it is considering raising fuel prices by as much as a third. Millions "
            "of people use kerosene for basic cooking, and critics argue that cutting subsidies will hurt the "
            "poorer families it says it wants to help. We trained an irregular woodland on counterfeit "
            "consciousness data.")
    context = TextContext.build(text)
    gated = TermRestorer(make_phrases(load_list()), lexicon, model)
    open_ = TermRestorer(make_phrases(load_list()), lexicon, dataclasses.replace(model, gate=None))
    every = {(p.start, p.end): p for p in open_.proposals(context)}
    passed = {(p.start, p.end): p for p in gated.proposals(context)}
    # It turns away many windows of ordinary prose (a third here, where four windows are
    # tortured), and what it lets through is judged as without it, restorations and features alike.
    assert passed and len(passed) <= len(every) * 2 / 3
    assert all(every[span] == proposal for span, proposal in passed.items())
    words = {(start, end): keys for start, end, keys in gated.windows(context)}
    for span in every.keys() - passed.keys():
        assert model.gate.probability(gated.seen_features(words[span])) < model.gate_bar
    # The tortured terms pass: the findings are the same with and without the gate, at the
    # model's bar and at the deep bar the gate was placed for.
    for bar in (model.threshold, model.deep_threshold):
        found = gated.find(context, bar)
        assert [(f.start, f.text, f.suggestion) for f in found] == [
            (f.start, f.text, f.suggestion) for f in open_.find(context, bar)]
        # Both tortured terms are found (since session 43 the window model prefers "counterfeit
        # consciousness data" -> "artificial intelligence techniques" to the two-word window).
        for phrase in ("irregular woodland", "counterfeit consciousness"):
            start = text.index(phrase)
            assert any(f.start <= start and start + len(phrase) <= f.end for f in found), phrase
    # A turned-away window's known terms are never matched: the gated restorer looks them up
    # for fewer windows, at least one fewer per window it turned away.
    def matched_windows(restorer: TermRestorer) -> int:
        calls = 0
        real = restorer.known.matching

        def counted(options, ends=None, starts=None):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return real(options, ends, starts)

        restorer.known.matching = counted  # type: ignore[method-assign]
        restorer.proposals(context)
        return calls

    turned_away = {tuple(words[span]) for span in every.keys() - passed.keys()}
    fresh = [TermRestorer(make_phrases(load_list()), lexicon, m) for m in (model, dataclasses.replace(model, gate=None))]
    assert matched_windows(fresh[0]) <= matched_windows(fresh[1]) - len(turned_away)


def test_a_new_model_forgets_what_the_old_one_gated(lexicon: Lexicon) -> None:
    model = shipped_term_model()
    assert model is not None and model.gate is not None
    context = TextContext.build("Millions of people use kerosene for basic cooking, and critics argue that cutting "
                                "subsidies will hurt the poorer families it says it wants to help.")
    restorer = TermRestorer(make_phrases(load_list()), lexicon, model)
    gated = len(restorer.proposals(context))
    restorer.model = dataclasses.replace(model, gate=None)
    assert restorer.ranker is model.ranker
    assert len(restorer.proposals(context)) > gated


def test_a_gate_without_its_bar_is_dropped_on_loading() -> None:
    model = shipped_term_model()
    assert model is not None
    data = model.to_dict()
    data["gate_bar"] = None
    again = TermModel.from_dict(data)
    assert again.gate is None and again.passes_gate({"words": 2.0}) is True


def test_the_verifier_confirms_what_the_neural_evidence_prefers() -> None:
    model = shipped_term_model()
    assert model is not None and SMOLLM2.name in model.verifiers
    # Words that fit their sentence badly, and a suggestion the model much prefers: a
    # tortured term; words that fit well and a suggestion it likes less: news as written.
    # Both windows reached the deep bar (their term_confidence, the window model's probability).
    tortured = {"nlm_delta": 15.0, "nlm_delta_prior": 15.0, "nlm_delta_per_token": 3.0, "nlm_right_delta": -3.0,
                "nlm_seen_logp": -14.0, "nlm_seen_fit": -10.0, "term_confidence": 0.8}
    written = {"nlm_delta": -8.0, "nlm_delta_prior": -10.0, "nlm_delta_per_token": -2.0, "nlm_right_delta": -3.0,
               "nlm_seen_logp": -7.0, "nlm_seen_fit": 0.0, "term_confidence": 0.55}
    assert model.verifies(tortured, SMOLLM2.name) is True
    assert model.verifies(written, SMOLLM2.name) is False
    # Without a verifier for the model read with, nothing is confirmed; without any, the caller decides.
    smollm2_only = dataclasses.replace(model, verifiers={SMOLLM2.name: model.verifiers[SMOLLM2.name]})
    assert smollm2_only.verifies(tortured, GEMMA3_270M.name) is False
    assert dataclasses.replace(model, verifiers={}).verifies(tortured, SMOLLM2.name) is None


def test_the_verifier_row_holds_the_neural_evidence_and_the_window_models_probability() -> None:
    option = {"nlm_delta": 4.0, "nlm_delta_prior": 3.0, "nlm_delta_per_token": 1.0, "nlm_right_delta": -1.0}
    candidate = {"nlm_seen_logp": -9.0, "nlm_seen_fit": -2.0, "nlm_max_delta": 4.0}
    row = verifier_row(option, candidate, 0.62)
    assert tuple(row) == VERIFIER_FEATURES
    assert row["term_confidence"] == 0.62 and row["nlm_delta"] == 4.0 and row["nlm_seen_fit"] == -2.0


def test_a_verifier_without_its_bar_is_dropped_on_loading() -> None:
    model = shipped_term_model()
    assert model is not None
    data = model.to_dict()
    verifier = data.pop("verifiers")[SMOLLM2.name]
    data["verifier"], data["verify_threshold"] = verifier["model"], None  # a file of one verifier, as before session 30
    assert TermModel.from_dict(data).verifiers == {}


def test_deep_mode_has_a_lower_bar_and_a_lower_bar_finds_more(lexicon: Lexicon) -> None:
    model = shipped_term_model()
    assert model is not None and model.deep_threshold is not None
    assert 0.0 < model.deep_threshold < model.threshold
    model = dataclasses.replace(model, gate=None)  # every window, at any bar: a gate may turn these away
    restorer = TermRestorer(make_phrases(load_list()), lexicon, model)
    # Ordinary news: its windows restore into some term with low probabilities. The bars are
    # taken from what the model says here, so the test holds for any retrained model.
    context = TextContext.build("The company had been hiding records of faults and then secretly repairing the "
                                "cars, while farmers drained wells in the drought.")
    assert all(f.confidence >= model.threshold for f in restorer.find(context))  # the model's own bar
    every = restorer.find(context, threshold=0.0)
    assert len(every) >= 2
    high = max(f.confidence for f in every)
    strict = restorer.find(context, threshold=high)
    lenient = restorer.find(context, threshold=min(f.confidence for f in every))
    assert all(f.confidence >= high for f in strict)
    assert len(lenient) > len(strict)
    assert {(f.start, f.end) for f in strict} <= {(f.start, f.end) for f in lenient}


def test_a_model_file_without_a_deep_threshold_still_loads() -> None:
    model = shipped_term_model()
    assert model is not None
    data = model.to_dict()
    del data["deep_threshold"], data["verifiers"]
    again = TermModel.from_dict(data)
    assert again.deep_threshold is None and again.verifiers == {}


def test_a_model_file_of_one_verifier_loads_it_as_the_verifier_of_its_language_model() -> None:
    model = shipped_term_model()
    assert model is not None and SMOLLM2.name in model.verifiers
    verifier = model.verifiers[SMOLLM2.name]
    data = model.to_dict()
    del data["verifiers"]  # written as before session 30: one verifier, what it learned from in trained_on
    data["verifier"], data["verify_threshold"] = verifier.model.to_dict(), verifier.bar
    data["trained_on"] = {**data["trained_on"], "verifier_clean_documents": 150}
    assert TermModel.from_dict(data).verifiers == {SMOLLM2.name: dataclasses.replace(
        verifier, trained_on={"clean_documents": 150})}
    data["trained_on"]["verifier_language_model"] = GEMMA3_270M.name
    assert list(TermModel.from_dict(data).verifiers) == [GEMMA3_270M.name]


def test_training_never_shows_a_phrase_to_a_restorer_that_knows_its_pair(lexicon: Lexicon) -> None:
    pairs = [p for p in load_list()[:600] if phrase_words(p[0])]
    # By stem key: another pair listing "classification task" lists "classification tasks" too.
    expected_counts = Counter(key for _, e in pairs
                              for key in {term_key(term_words(x)) for x in (clean_expected(e)[0], *clean_expected(e)[1]) if x})
    samples = _phrase_samples(pairs, lexicon, seed=0)
    checked = 0
    for sample in samples:
        if not sample.tortured or any(expected_counts[term_key(term_words(w))] > 1 for w in sample.wanted):
            continue
        for restoration in sample.restorations:
            if normalise_phrase(restoration.text) in sample.wanted:
                checked += 1
                assert restoration.features["r_listed"] == 0.0, restoration.text
    assert checked, "no sample restored into its own expected term: the check checked nothing"


def test_proposals_read_the_best_restorations_and_count_them_all(lexicon: Lexicon) -> None:
    # Proposals keep a window's best few restorations (memoised); restorations() lists all.
    from unspun.detect.context import TextContext
    from unspun.detect.terms import MAX_ALTERNATIVES, shipped_term_model

    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon, shipped_term_model())
    context = TextContext.build("The irregular woodland and the counterfeit consciousness beat a linear model "
                                "on bosom peril scans with a flag to commotion ratio of three.")
    proposals = restorer.proposals(context)
    assert proposals
    for proposal in proposals:
        tokens = context.tokens
        words = [info.key for index, info in context.words.items()
                 if proposal.start <= tokens[index].start and tokens[index].end <= proposal.end]
        every = restorer.restorations(words)
        assert [tuple(r) for r in proposal.restorations] == [tuple(r) for r in every[: 1 + MAX_ALTERNATIVES]]
        assert proposal.features["restorations"] == len(every)
    assert restorer.proposals(context) == proposals  # from the memo, the same


def test_a_new_ranker_forgets_the_ranked_windows(lexicon: Lexicon) -> None:
    from unspun.detect.context import TextContext
    from unspun.detect.terms import shipped_term_model

    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon, shipped_term_model())
    restorer.proposals(TextContext.build("The irregular woodland won."))
    assert restorer._restored
    restorer.ranker = None
    assert not restorer._restored


def test_no_finding_inside_a_longer_window_that_is_a_known_term(lexicon: Lexicon) -> None:
    from unspun.detect.context import TextContext

    model = shipped_term_model()
    assert model is not None
    restorer = TermRestorer([], lexicon, dataclasses.replace(model, gate=None))  # every window, at any bar
    # Even at a bar of 0, nothing inside "support vector machine", a term as written, is
    # called tortured ("support vector" -> "second vector" was); a window alone still is
    # (not "vector machine", a term itself).
    assert restorer.find(TextContext.build("We compared it with a bearing vector."), threshold=0.0)
    assert restorer.find(TextContext.build("We compared it with a support vector machine."), threshold=0.0) == []


def test_no_finding_on_a_window_that_is_itself_a_known_term(lexicon: Lexicon) -> None:
    """A tortured phrase is words no source writes as a term: of the dev list's tortured
    phrases 21 of 3,765 are a term of the general sources as written, of their originals
    1,363. So "convolutional networks", a technical term, is no torture of the listed
    "convolutional neural" (0.74 in clean prose, session 64), even at a bar of 0."""
    model = shipped_term_model()
    assert model is not None
    from unspun.detect.known_phrases import KnownPhraseMatcher

    restorer = TermRestorer(KnownPhraseMatcher.default().phrases, lexicon, dataclasses.replace(model, gate=None))
    key = term_key(["convolutional", "networks"])
    assert key is not None and any(restorer.known.sources(key))
    assert restorer.restorations(["convolutional", "networks"])  # it restores: only the rule stops it
    assert restorer.find(TextContext.build("The convolutional networks were accurate."), threshold=0.0) == []
    # A window no source writes as a term still restores into one.
    assert restorer.find(TextContext.build("The irregular woodland was accurate."), threshold=0.0)


def test_the_gate_lets_through_the_share_of_tortured_windows_it_was_asked_to() -> None:
    import random

    from unspun.detect.terms import GATE_FEATURES
    from unspun.eval.train_terms import GATE_KEEP, fit_term_gate

    rng = random.Random(0)
    rows, tortured, probabilities = [], [], []
    for i in range(2000):
        is_tortured = i % 4 == 0
        # Tortured windows read worse to the trigram model, with overlap: no bar parts them.
        logprob = rng.gauss(-6.0 if is_tortured else -3.0, 1.5)
        row = {name: rng.uniform(0, 1) for name in GATE_FEATURES}
        rows.append({**row, "seen_logprob": logprob, "words": 2.0 + i % 3})
        tortured.append(is_tortured)
        probabilities.append(0.9 if is_tortured and logprob < -4.0 else 0.8 if logprob < -6.0 else 0.1)
    gate, bar = fit_term_gate(rows, tortured, probabilities, deep_threshold=0.5)
    assert gate is not None and bar is not None
    passing = [gate.probability(row) >= bar for row in rows]
    wanted = [i for i in range(len(rows)) if tortured[i] and probabilities[i] >= 0.5]
    assert sum(passing[i] for i in wanted) >= GATE_KEEP * len(wanted)
    ordinary = [i for i in range(len(rows)) if not tortured[i] and probabilities[i] < 0.5]
    assert sum(passing[i] for i in ordinary) < len(ordinary) / 2  # it does turn windows away
    assert fit_term_gate(rows, tortured, [0.1] * len(rows), deep_threshold=0.5) == (None, None)


def test_restorations_say_whether_they_keep_the_part_of_speech_and_inflection(lexicon: Lexicon) -> None:
    # A spinner carries part of speech and inflection over to a synonym: "irregular woodlands"
    # -> "random forests" keeps both, while a window of a subject and its verb ("scheme
    # improves") restores into known phrasing only by changing them.
    restorer = TermRestorer(make_phrases([("irregular woodland", "random forest")]), lexicon)
    forests = next(r for r in restorer.restorations(["irregular", "woodlands"]) if r.text == "random forests")
    assert forests.features["r_pos_kept"] == forests.features["r_form_kept"] == 1.0
    changed = [r for r in restorer.restorations(["scheme", "improves"])
               if r.features["r_pos_kept"] < 1.0 or r.features["r_form_kept"] < 1.0]
    assert changed, "no restoration of a verb changed its form"


def test_the_window_reads_a_finite_verb_at_either_end(lexicon: Lexicon) -> None:
    restorer = TermRestorer([], lexicon)
    seen = restorer.seen_features(["technique", "improves"])
    assert seen["seen_last_verb"] == 2.0 and seen["seen_first_verb"] == 0.0
    seen = restorer.seen_features(["irregular", "woodland"])
    assert seen["seen_last_verb"] == seen["seen_first_verb"] == 0.0


def test_training_reads_windows_across_a_phrases_edge_as_wrong(lexicon: Lexicon) -> None:
    # Tortured samples in carrier sentences give windows that run across the phrase's edge
    # and swap a carrier word back: some, and far fewer than every window of the sentences.
    from unspun.eval.train_terms import STRADDLE_CARRIERS, _straddling_rows

    pairs = [p for p in load_list()[:300] if phrase_words(p[0])]
    samples = _phrase_samples(pairs, lexicon, seed=0)
    for sample in samples:
        sample.restorer.ranker = shipped_term_model().ranker
    rows = _straddling_rows(samples)
    assert 0 < len(rows) < 3 * sum(s.tortured for s in samples)
    assert len(STRADDLE_CARRIERS) > 3  # more verbs and objects than the verifier's sentences
