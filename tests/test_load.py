"""load: encodings detected and recorded, binary and undecodable input refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from textdiff import BinaryInputError, DecodeError, InputError, OptionsError, load, load_bytes

from .conftest import CLOSING, RODONG, SAMPLES

ENC = SAMPLES / "encodings"


@pytest.mark.parametrize(
    ("name", "original", "encoding", "method"),
    [
        ("closing-address.cp1252.txt", "closing-address.txt", "cp1252", "detected"),
        ("closing-address.utf-16.txt", "closing-address.txt", "utf-16", "bom"),
        ("closing-address.utf-16le-nobom.txt", "closing-address.txt", "utf-16-le", "utf-16"),
        ("closing-address.utf-8-bom.txt", "closing-address.txt", "utf-8-sig", "bom"),
        ("cell-secretaries-2013.cp1252.txt", "cell-secretaries-2013.txt", "cp1252", "detected"),
        (
            "rodong-short-course-2021.euc-kr.txt",
            "rodong-short-course-2021.txt",
            "euc-kr",
            "detected",
        ),
    ],
)
def test_reencoded_samples_decode_to_their_originals(
    name: str, original: str, encoding: str, method: str
) -> None:
    doc = load(str(ENC / name))
    assert (doc.encoding, doc.method) == (encoding, method)
    assert doc.text == (SAMPLES / original).read_text(encoding="utf-8")
    # The reported codec decodes the raw bytes to exactly the text (the contract's promise).
    assert codecs.decode((ENC / name).read_bytes(), doc.encoding) == doc.text
    assert 0 <= doc.confidence <= 1


def test_utf8_is_taken_as_is() -> None:
    doc = load(str(CLOSING))
    assert (doc.encoding, doc.method, doc.confidence) == ("utf-8", "utf-8", 1.0)
    assert doc.size == CLOSING.stat().st_size and len(doc.sha256) == 64
    assert load(str(RODONG)).format == "markdown"


def test_text_is_never_altered() -> None:
    raw = "line one\r\nline two\r\n\u00a0\tthree  \n".encode()
    assert load_bytes(raw).text == raw.decode("utf-8")


def test_given_encoding_overrides_and_is_checked() -> None:
    data = "naïve café".encode("latin-1")
    doc = load_bytes(data, "x", encoding="latin-1")
    assert doc.text == "naïve café" and doc.method == "given" and doc.encoding == "iso8859-1"
    with pytest.raises(DecodeError):
        load_bytes(b"\xff\xfe\xfd", "x", encoding="utf-8")
    with pytest.raises(OptionsError):
        load_bytes(b"x", "x", encoding="no-such-codec")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04\x14\x00",
        b"\x1f\x8b\x08\x00",
        b"text with a NUL \x00 in the middle and more text" * 3,
        bytes(range(256)) * 8,
    ],
)
def test_binary_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError) as err:
        load_bytes(data, "f.bin")
    assert "binary" in str(err.value) and "\n" not in str(err.value)


def test_undecodable_refused() -> None:
    with pytest.raises(DecodeError) as err:
        load_bytes(b"caf\x81\x8d\x8f\x90\x9d text \xff\xfe\xfd" * 20, "bad.txt")
    assert "undecodable" in str(err.value)


def test_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="directory"):
        load(str(tmp_path))


def test_empty_and_whitespace_decode() -> None:
    assert load_bytes(b"", "e").text == ""
    assert load_bytes(b" \n\t\n", "w").text == " \n\t\n"


def test_cyrillic_and_korean_legacy_encodings() -> None:
    ru = "Пхеньян — столица, сказал товарищ Ким. " * 20
    doc = load_bytes(ru.encode("cp1251"), "ru.txt")
    assert doc.text == ru
    ko = "평양은 조선의 수도이다. " * 20
    doc = load_bytes(ko.encode("euc-kr"), "ko.txt")
    assert doc.text == ko and doc.encoding == "euc-kr"
