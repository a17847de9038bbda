"""Stretches of whole paragraphs of articles, as the document model learns from and the
benchmarks judge them."""

from __future__ import annotations

from unspun.eval.corpus import wikipedia_stretches
from unspun.models import Document


def paragraph(words: int, word: str) -> str:
    return " ".join([word] * words)


def article(name: str, sizes: list[int]) -> Document:
    text = "\n\n".join(paragraph(size, f"{name}{at}") for at, size in enumerate(sizes))
    return Document(id=f"wikipedia/{name}", title=name, text=text, source="wikipedia")


def test_stretches_are_whole_paragraphs_up_to_the_first_that_reaches_the_length() -> None:
    long = article("a", [30, 30, 50, 40, 40, 10])
    stretches = wikipedia_stretches([long], words=60, count=10)
    assert [s.text.split("\n\n") for s in stretches] == [
        [paragraph(30, "a0"), paragraph(30, "a1")], [paragraph(50, "a2"), paragraph(40, "a3")]]
    assert [s.id for s in stretches] == ["wikipedia/a#0", "wikipedia/a#1"]  # the rest is too short


def test_short_paragraphs_are_not_prose_and_are_left_out() -> None:
    stretches = wikipedia_stretches([article("a", [25, 5, 25])], words=40, count=10)
    assert stretches[0].text == "\n\n".join([paragraph(25, "a0"), paragraph(25, "a2")])


def test_every_articles_first_stretch_comes_before_any_second() -> None:
    articles = [article("a", [50] * 4), article("b", [50] * 2), article("c", [50] * 3)]
    ids = [s.id for s in wikipedia_stretches(articles, words=50, count=7)]
    assert ids == ["wikipedia/a#0", "wikipedia/b#0", "wikipedia/c#0",
                   "wikipedia/a#1", "wikipedia/b#1", "wikipedia/c#1", "wikipedia/a#2"]
