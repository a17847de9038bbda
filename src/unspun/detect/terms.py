"""Tortured terms that no list holds yet, found by restoring them into terms that are known.

A tortured phrase is a term whose words were swapped one by one: "irregular woodland" for
random forest. The known-phrase list holds some of them; the *terms* they stand for (the list's
expected side: "random forest", "breast cancer", "signal to noise") are a vocabulary of real
terms. A window of two to four words is a tortured term when

- it is not itself a known term, nor a collocation of ordinary English (trigram PMI < 1),
- swapping every content word for a likely original spells a known term: the originals come
  from the lexicon's firm links (WordNet synonyms; Moby's broad lists let clean news restore
  into science terms several times per 1,000 words) and from
  word pairs learned from the list ("irregular" -> "random" because some listed pair swapped
  them), and
- the trigram model finds the term at least ``MIN_GAIN`` (log10) likelier than the window.

Matching uses the same stem keys as the known-phrase detector, so inflection does not matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..lexicon import Lexicon, Source
from ..models import Finding
from .context import FUNCTION_WORDS, TextContext
from .known_phrases import KnownPhrase, stem_key
from .ngram import TrigramModel

ORIGINALS_PER_WORD = 60
MIN_GAIN = 1.5
_FIRM = int(Source.WORDNET)
ALL_CHANGED = 0.85  # confidence when every content word of the window was restored
SOME_CHANGED = 0.6
_COLLOCATION_PMI = 1.0


class TermRestorer:
    """Finds windows that restore into a known term; see the module docstring."""

    name = "term"

    def __init__(self, phrases: Iterable[KnownPhrase], lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._terms: dict[tuple[str, ...], str] = {}
        self._by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._learned: dict[str, set[str]] = defaultdict(set)
        for phrase in phrases:
            if phrase.suggestion is None:
                continue
            for option in (phrase.suggestion, *phrase.alternatives):
                words = option.lower().replace("-", " ").split()
                if 2 <= len(words) <= 4 and all(w.isalpha() for w in words):
                    key = tuple(stem_key(w) for w in words)
                    if key not in self._terms:
                        self._terms[key] = option
                        self._by_last[key[-1]].append(key)
            seen = phrase.tortured.lower().replace("-", " ").split()
            wanted = phrase.suggestion.lower().replace("-", " ").split()
            if len(seen) == len(wanted):
                for a, b in zip(seen, wanted, strict=True):
                    if a != b and a.isalpha() and b.isalpha():
                        self._learned[stem_key(a)].add(stem_key(b))
        self._options: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._terms)

    def clear_cache(self) -> None:
        """Forget the memoised originals (for measurements on unseen text)."""
        self._options.clear()

    def _originals(self, word: str) -> frozenset[str]:
        cached = self._options.get(word)
        if cached is None:
            stems = {stem_key(word)}
            stems |= self._learned.get(stem_key(word), set())
            for lemma, pos in self._lexicon.readings(word)[:2]:
                for link in self._lexicon.originals(lemma, pos, limit=ORIGINALS_PER_WORD):
                    if " " not in link.lemma and int(link.flags) & _FIRM:
                        stems.add(stem_key(link.lemma))
            cached = frozenset(stems)
            self._options[word] = cached
        return cached

    def find(self, context: TextContext) -> list[Finding]:
        """A finding per window that restores into a known term (longest first, no overlaps)."""
        findings: list[Finding] = []
        taken: list[tuple[int, int]] = []
        tokens, words = context.tokens, context.words
        model = TrigramModel.default()
        for sentence in context.sentences:
            run: list[int] = []
            for index in range(sentence.first_token, sentence.last_token + 1):
                info = words.get(index) if index < sentence.last_token else None
                if info is not None and not info.in_quote and info.key.isalpha() and (
                    not info.protected or info.key in FUNCTION_WORDS
                ):
                    run.append(index)
                    continue
                for size in (4, 3, 2):
                    for at in range(len(run) - size + 1):
                        window = run[at : at + size]
                        if window[-1] - window[0] != size - 1:
                            continue
                        keys = [words[i].key for i in window]
                        if keys[0] in FUNCTION_WORDS or keys[-1] in FUNCTION_WORDS:
                            continue
                        start, end = tokens[window[0]].start, tokens[window[-1]].end
                        if any(start < e and s < end for s, e in taken):
                            continue
                        term = self._restore(keys)
                        if term is None or model.pmi(keys) >= _COLLOCATION_PMI:
                            continue
                        suggestion, changed, content = term
                        if changed < content:
                            continue  # tortured terms swap every content word
                        restored = suggestion.lower().replace("-", " ").split()
                        if model.logprob(restored) - model.logprob(keys) < MIN_GAIN:
                            continue
                        taken.append((start, end))
                        findings.append(Finding(
                            start=start, end=end, text=context.text[start:end], suggestion=suggestion,
                            confidence=ALL_CHANGED if changed == content else SOME_CHANGED,
                            evidence=("thesaurus", "term"), kind="tortured-phrase",
                            note=f"its words are synonyms of the known term '{suggestion}'",
                        ))
                run = []
        return sorted(findings, key=lambda f: f.start)

    def _restore(self, keys: list[str]) -> tuple[str, int, int] | None:
        """The known term the window restores into: (term, words changed, content words)."""
        seen = tuple(stem_key(k) for k in keys)
        if seen in self._terms:
            return None
        options = [self._originals(k) if k not in FUNCTION_WORDS else frozenset({stem_key(k)}) for k in keys]
        best: tuple[str, int, int] | None = None
        for last in options[-1]:
            for term in self._by_last.get(last, ()):
                if len(term) != len(seen) or not all(t in o for t, o in zip(term, options, strict=True)):
                    continue
                changed = sum(1 for t, s in zip(term, seen, strict=True) if t != s)
                content = sum(1 for k in keys if k not in FUNCTION_WORDS)
                if changed and (best is None or changed > best[1]):
                    best = (self._terms[term], changed, content)
        return best
