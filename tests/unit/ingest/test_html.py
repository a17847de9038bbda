from pathlib import Path

import pytest

from unspun.errors import EmptyInputError
from unspun.ingest import read_path
from unspun.ingest.html import html_to_document, looks_like_html


def test_example_page_is_title_plus_eleven_article_paragraphs(example_html: Path, example_txt: Path) -> None:
    (document,) = list(read_path(example_html))
    assert document.source == "html"
    assert document.title == "Russia Ready to Continue Security Dialogue with U.S."
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) == 11
    # The paragraphs are exactly those of the article as the text version has them.
    lines = [line for line in example_txt.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert paragraphs == lines[1:12]
    for chrome in ("Leave a Reply", "email address", "Recent Posts", "Copyright", "Posted in", "Contact Us",
                   "Oil prices climb"):
        assert chrome not in document.text


def test_page_without_article_is_an_input_error() -> None:
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(EmptyInputError, match="no article"):
        html_to_document(page, "menu.html")


def test_malformed_html_still_yields_its_text() -> None:
    page = "<html><body><article><p>Unclosed paragraph with a long enough sentence to count as text here." \
           "<p>Second <b>bold <i>nested</b> wrong</i> order, still more words to keep it an article.</article>"
    document = html_to_document(page, "broken.html")
    assert "Unclosed paragraph" in document.text
    assert "Second" in document.text


def test_html_is_sniffed_by_its_start() -> None:
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <!-- c --> <html lang='en'>")
    assert not looks_like_html("Plain text that mentions <html> later")


def test_meta_charset_is_used(tmp_path: Path) -> None:
    body = "<p>" + "Le café de Genève était fermé après l’été, disait-il. " * 4 + "</p>"
    page = f'<html><head><meta charset="windows-1252"><title>T</title></head><body><article>{body}</article></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    (document,) = list(read_path(path))
    assert "café de Genève" in document.text
