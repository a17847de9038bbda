import pytest

from unspun.errors import DecodeError, EmptyInputError, NotTextError, TooLargeError
from unspun.ingest._decode import check_size, decode


def test_utf8_is_decoded_as_is() -> None:
    assert decode("Größe “quoted”".encode(), "x") == ("Größe “quoted”", "utf-8")


def test_legacy_encoding_is_detected_not_replaced() -> None:
    text = "Le ministre a déclaré que les négociations continueront à Genève après l’été. " * 5
    data = text.encode("cp1252")
    decoded, encoding = decode(data, "x")
    assert decoded == text
    assert "\ufffd" not in decoded
    assert encoding


def test_declared_charset_wins_when_it_decodes() -> None:
    assert decode("café".encode("latin-1"), "x", declared="latin-1")[0] == "café"


def test_bom_is_honoured() -> None:
    assert decode("\ufeffhello".encode("utf-8"), "x")[0] == "hello"
    assert decode("hello there".encode("utf-16"), "x")[0] == "hello there"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"\x00\x01\x02\x03 binary \x00\x00", "binary"),
    ],
)
def test_binary_is_not_text(data: bytes, label: str) -> None:
    with pytest.raises(NotTextError, match=label):
        decode(data, "x")


def test_empty_and_blank_inputs() -> None:
    for data in (b"", b"   \n\t  "):
        with pytest.raises(EmptyInputError):
            decode(data, "x")


def test_undecodable_bytes_are_an_error() -> None:
    noise = bytes(range(128, 256)) * 40
    with pytest.raises(DecodeError):
        decode(noise, "noise.txt")


def test_size_limit() -> None:
    check_size(10, 10, "x")
    with pytest.raises(TooLargeError, match="--max-bytes"):
        check_size(11, 10, "x")


def test_utf8_with_a_stray_legacy_byte_stays_utf8() -> None:
    # An article in UTF-8 with a cp1252 footer: detection over the whole file had read it
    # as mac_iceland, turning every curly quote into garbage.
    article = "“We are ready,” he said. Moscow’s demands stand. " * 3
    text, encoding = decode(article.encode() + b"\n\nCopyright \xa9 2022 \x81", "x")
    assert text == article + "\n\nCopyright © 2022 \x81"  # 0x81: undefined in cp1252, read as Latin-1
    assert encoding == "utf-8 (2 stray bytes read as cp1252)"


def test_legacy_text_with_more_stray_bytes_than_utf8_is_detected() -> None:
    # One pair of bytes that happens to be valid UTF-8 ("Ã©" in cp1252) among many that are
    # not: the text is cp1252, not UTF-8 with strays.
    text = "Le ministre a déclaré à Genève que l’été sera long. Ã© " * 3
    decoded, encoding = decode(text.encode("cp1252"), "x")
    assert decoded == text
    assert not encoding.startswith("utf-8")


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "windows-1252"])
def test_a_latin1_label_is_read_as_windows_1252_as_browsers_do(label: str) -> None:
    # Old sites declare iso-8859-1 and write cp1252's curly quotes and dashes (0x80-0x9f);
    # read as Latin-1 they were invisible C1 controls: "neighbourhoods heart  truly".
    data = b"The neighbourhood\x92s heart \x97 truly \x93alive\x94, caf\xe9 owners said."
    assert decode(data, "x", declared=label) == (
        "The neighbourhood’s heart — truly “alive”, café owners said.", "windows-1252")
    # cp1252 leaves five bytes undefined: browsers keep them as C1 controls, and so does unspun.
    assert decode(b"caf\xe9 \x81 bar", "x", declared=label)[0] == "café \x81 bar"


def test_a_latin1_label_on_a_page_saved_as_utf8_is_read_as_utf8() -> None:
    text = "Moscow’s “security” demands — and NATO’s reply."
    assert decode(text.encode(), "x", declared="iso-8859-1") == (text, "utf-8")
