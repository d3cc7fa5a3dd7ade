"""load: encodings detected and recorded, binary and undecodable input refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textdiff import BinaryInputError, DecodeError, InputError, OptionsError, load, load_bytes
from textdiff.model import InvalidByte

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


# ------------------------------------------------------------------ UTF-8 with a stray byte


def test_a_stray_windows_1252_byte_in_utf8_is_one_character_and_said() -> None:
    """Issue 14: one cp1252 apostrophe pasted into a UTF-8 file made the whole file decode as
    cp1250 ('Workersâ€™') with 17 false substantive edits. Now the rest is UTF-8, the byte is
    read as its cp1252 character, and the document says where it was."""
    data = CLOSING.read_bytes()
    first = data.index("’".encode())
    stray = data[:first] + b"\x92" + data[first + 3 :]
    doc = load_bytes(stray, "stray.txt")
    assert (doc.encoding, doc.method) == ("utf-8", "utf-8-lenient")
    assert doc.text == CLOSING.read_text(encoding="utf-8")  # the same text, character for character
    offset = doc.text.index("’")
    assert doc.invalid == (InvalidByte(offset, first, 0x92, "’"),)
    import textdiff
    from textdiff.pipeline import compare_documents

    c = compare_documents(doc, load(str(CLOSING)), textdiff.Options(profile="strict"))
    assert c.summary.verdict is textdiff.Verdict.IDENTICAL


def test_undefined_cp1252_bytes_become_replacement_characters() -> None:
    doc = load_bytes("“ok” ".encode() + b"\x81\x9d" + " “fine”".encode(), "x.txt")
    assert doc.method == "utf-8-lenient" and doc.text == "“ok” \ufffd\ufffd “fine”"
    assert [b.value for b in doc.invalid] == [0x81, 0x9D]


@given(
    st.lists(st.sampled_from(["word ", "’", "“", "é", "김", "\n", "—", "x"]), min_size=1),
    st.data(),
)
def test_lenient_offsets_index_text_and_bytes(pieces: list[str], data: st.DataObject) -> None:
    """Fewer stray bytes than UTF-8 characters: offsets in ``invalid`` point at the byte in the
    input and at its character in the text; the rest of the text is exactly the UTF-8."""
    valid = sum(not p.isascii() for p in pieces)
    slots = sorted(data.draw(st.sets(st.integers(0, len(pieces)), max_size=max(0, valid - 1))))
    bad = [data.draw(st.integers(0x80, 0xFF)) for _ in slots]
    out, text = b"", ""
    for i, piece in enumerate([*pieces, ""]):
        if i in slots:
            value = bad[slots.index(i)]
            out += bytes([value])
            text += bytes([value]).decode("cp1252", "replace").replace("?", "\ufffd")
        out += piece.encode()
        text += piece
    if not slots:
        return
    doc = load_bytes(out, "x.txt")  # a piece between any two stray bytes: never one character
    assert doc.method == "utf-8-lenient"
    assert doc.text == text and len(doc.invalid) == len(slots)
    for b in doc.invalid:
        assert out[b.byte_offset] == b.value and doc.text[b.offset] == b.read_as


def test_legacy_encodings_are_not_taken_for_damaged_utf8() -> None:
    """A whole cp1252 or EUC-KR file has far more invalid bytes than valid UTF-8 characters."""
    for name, codec in (
        ("closing-address.cp1252.txt", "cp1252"),
        ("rodong-short-course-2021.euc-kr.txt", "euc-kr"),
    ):
        doc = load(str(ENC / name))
        assert (doc.encoding, doc.method, doc.invalid) == (codec, "detected", ())
