"""load: path -> bytes -> Document.

    load(path, encoding, max_size)     measure, read with a cap, decode: the one entry
    read_input(path, max_size)         the bytes of a file or of standard input, bounded
    load_bytes(data, path, encoding)   decode bytes already read
    parse_size(s), format_size(n)      ``256M`` <-> 268435456
    DEFAULT_MAX_SIZE                   256M: what --max-size and ``max-size`` default to

Reading is bounded before anything is read whole: a regular file is measured
first and refused if it is larger than ``max_size``; anything else (standard
input, a pipe, a FIFO, a device such as /dev/zero) is read in chunks and
refused as soon as it passes the limit, so memory stays bounded. The error
names the limit and the option that raises it.

PDFs, Word files and web pages are told by their content
(``textdiff.formats.sniff``) and read by ``textdiff.formats``: the one place
that dispatches is :func:`_read_format`. Everything below is about text.

The decoded text is the input decoded with the reported codec and nothing
else: no newline translation, no normalization, no stripping, so every offset
textdiff reports indexes into exactly what the file held.

Decision order, first that applies wins:

1. ``encoding=`` given by the caller (method ``given``);
2. a byte-order mark: UTF-8, UTF-16 or UTF-32 (method ``bom``);
3. binary gate: PDF/PNG/ZIP/... signatures, NUL bytes outside UTF-16;
4. strict UTF-8 (method ``utf-8``);
5. UTF-16 without a BOM, told by where its NUL bytes fall (method ``utf-16``);
6. UTF-8 with a few invalid bytes (method ``utf-8-lenient``): more valid
   multi-byte characters than invalid bytes, so the file is UTF-8 with a stray
   byte of a legacy encoding pasted in (typically a Windows-1252 ``’``, 0x92).
   The rest is decoded as UTF-8, and each invalid byte as its Windows-1252
   character (U+FFFD for the five bytes Windows-1252 leaves undefined): one
   character per byte, so offsets still index the text exactly, and text that
   is ASCII apart from such bytes reads the same as the whole file decoded as
   Windows-1252 would. ``Document.invalid`` lists each byte, where it was and
   what it was read as; every output says so. A file of a legacy encoding
   gives far more invalid bytes than valid UTF-8 characters and goes on to 7.
7. chardet's candidates, restricted to plausible modern codecs, each verified
   by a strict decode and ranked by how little mojibake it produces (method
   ``detected``). chardet's confidence for a right single-byte guess can be
   tiny, so there is no fixed threshold; the mojibake check is what rejects.

>>> doc = load_bytes("caf\\u00e9 \\u2013 ok".encode("cp1252"), "x.txt")
>>> doc.encoding, doc.method, doc.text
('cp1252', 'detected', 'café – ok')
>>> load_bytes(b"plain", "p.txt").encoding
'utf-8'
>>> doc = load_bytes("Workers’ ‘Party’ and ".encode() + b"the Workers\\x92 state", "s.txt")
>>> doc.method, doc.text[-18:]
('utf-8-lenient', 'the Workers’ state')
>>> doc.invalid
(InvalidByte(offset=32, byte_offset=38, value=146, read_as='’'),)
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from typing import BinaryIO

from .errors import BinaryInputError, DecodeError, InputError, OptionsError
from .model import Document, InvalidByte

DEFAULT_MAX_SIZE = 256 * 1024 * 1024
_CHUNK = 1 << 20
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"\s*(\d+)\s*([KMGT]?)(?:I?B)?\s*", re.IGNORECASE)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP (or DOCX/ODT/EPUB)"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0", "OLE (old Word/Excel)"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)

# Codecs chardet may propose that we accept: modern, text-bearing, as Python names.
PLAUSIBLE = (
    "cp1252", "iso8859-15", "cp1250", "iso8859-2", "cp1251", "koi8-r", "iso8859-5",
    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "euc-kr", "cp949", "shift_jis", "cp932", "euc-jp", "gb18030", "gbk", "big5",
)  # fmt: skip

# Tried after chardet's own candidates, so a mostly-ASCII file with a few
# Hangul or CJK characters (where chardet sees only Latin) still decodes right.
_FALLBACKS = ("cp1252", "euc-kr", "cp949", "shift_jis", "gb18030", "big5", "cp1251")

# Where two codecs read the bytes equally cleanly, the commoner one for the
# texts textdiff meets wins (cp1252 is what legacy English text nearly always is).
_PRIOR = {"cp1252": 0.1}

_PREFER_SUBSET = {"cp949": "euc-kr"}

_SUPERSET = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "utf-8"}


try:
    # CPython's own SHA-256, without the ~5 ms OpenSSL start-up that hashlib's
    # import costs every textdiff process; same digests.
    from _sha256 import sha256 as _sha256_impl
except ImportError:  # pragma: no cover - other Pythons: 3.12 renamed it _sha2
    from hashlib import sha256 as _sha256_impl


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256_hex(b"abc")[:16]
    'ba7816bf8f01cfea'
    """
    digest: str = _sha256_impl(data).hexdigest()
    return digest


def parse_size(s: str) -> int:
    """A size as options and configurations write it; 0 means no limit.

    >>> parse_size("256M"), parse_size("1g"), parse_size("64KiB"), parse_size("1000")
    (268435456, 1073741824, 65536, 1000)
    """
    m = _SIZE.fullmatch(s)
    if not m:
        raise OptionsError(f"not a size: {s!r} (write e.g. 500K, 64M, 1G or a number of bytes)")
    return int(m.group(1)) * _UNITS[m.group(2).upper()]


def format_size(n: int) -> str:
    """The shortest exact spelling of a size, as ``parse_size`` reads it.

    >>> format_size(268435456), format_size(1572864), format_size(1000)
    ('256M', '1536K', '1000')
    """
    for unit in "TGMK":
        if n and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return str(n)


def _too_large(path: str, max_size: int) -> InputError:
    what = "standard input" if path == "-" else path
    return InputError(
        f"{what}: larger than {format_size(max_size)}, the input size limit "
        "(--max-size raises it; 0: no limit)"
    )


def read_input(path: str | os.PathLike[str], max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of ``path`` (``-``: standard input), refused past ``max_size`` (0: no limit)."""
    path = os.fspath(path)
    if path == "-":
        if sys.stdin is None:
            raise InputError("-: standard input is closed")
        try:
            return _read_capped(sys.stdin.buffer, "-", max_size)
        except InputError:
            raise
        except OSError as exc:
            raise InputError(f"-: cannot read standard input: {exc.strerror or exc}") from None
    try:
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory, not a file")
        # A FIFO waits here for its writer, as cat does.
        with open(path, "rb") as fh:
            # Measured: a regular file larger than the limit is refused before a byte is read;
            # a pipe or a device (/dev/zero) is read as it comes, up to the limit.
            st = os.fstat(fh.fileno())
            if stat.S_ISREG(st.st_mode) and max_size and st.st_size > max_size:
                raise _too_large(path, max_size)
            return _read_capped(fh, path, max_size)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except ValueError:  # a NUL byte in the path
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read_capped(fh: BinaryIO, path: str, max_size: int) -> bytes:
    """Read to the end in chunks; past ``max_size`` (a file grown since measured, a stream,
    /dev/zero), stop and refuse, having held at most ``max_size`` bytes and one chunk."""
    data = bytearray()
    while True:
        # A buffered read returns less than asked only at the end; on a terminal the end
        # (Ctrl-D) is not sticky, so reading on would wait for more.
        chunk = fh.read(_CHUNK)
        data += chunk
        if max_size and len(data) > max_size:
            raise _too_large(path, max_size)
        if len(chunk) < _CHUNK:
            return bytes(data)


def load(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    docx_view: str = "accepted",
) -> Document:
    """Read (bounded by ``max_size``; 0: no limit) and decode one file; ``-`` is standard input.
    ``path`` is a str or any ``os.PathLike`` (``pathlib.Path``). ``docx_view``: a Word
    file with tracked changes is read as ``accepted`` (the changes made) or ``original``."""
    path = os.fsdecode(path)  # a bytes path too (what os.listdir(b".") gives)
    return load_bytes(read_input(path, max_size), path, encoding, docx_view)


def load_bytes(
    data: bytes,
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes] = "<bytes>",
    encoding: str | None = None,
    docx_view: str = "accepted",
) -> Document:
    """Decode ``data`` as described in the module docstring."""
    path = os.fsdecode(path)
    doc = _read_format(data, path, encoding, docx_view)
    if doc is not None:
        return doc
    invalid: tuple[InvalidByte, ...] = ()
    text, codec, confidence, method = _decode(data, path, encoding)
    if method == "utf-8-lenient":
        text, invalid = _repair(text)
    fmt = "markdown" if path.endswith((".md", ".markdown")) or _looks_markdown(text) else "text"
    return Document(
        path=path,
        text=text,
        encoding=codec,
        confidence=round(confidence, 4),
        method=method,
        sha256=sha256_hex(data),
        size=len(data),
        format=fmt,
        invalid=invalid,
    )


def _read_format(data: bytes, path: str, encoding: str | None, docx_view: str) -> Document | None:
    """A PDF, Word file or web page read by ``textdiff.formats``; None for text.

    Told by content (``formats.sniff``, which never imports a reader); the
    readers and their optional libraries load only when such a file arrives.
    """
    from . import formats

    kind = formats.sniff(data, path)
    if kind is None:
        return None
    if kind == "html":
        text, codec, confidence, method = _decode(data, path, encoding)
        return formats.read_html(text, data, path, codec, confidence, method)
    return formats.read_binary(kind, data, path, docx_view)


def _decode(data: bytes, path: str, given: str | None) -> tuple[str, str, float, str]:
    if given:
        try:
            info = codecs.lookup(given)
        except LookupError:
            raise OptionsError(f"unknown encoding {given!r}") from None
        codec = info.name
        # rot13, hex, base64 and the like are codecs but not text encodings.
        if not getattr(info, "_is_text_encoding", True) or codec == "undefined":
            raise OptionsError(f"{given!r} is not a text encoding")
        try:
            return data.decode(codec), codec, 1.0, "given"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{path}: not valid {codec} at byte {exc.start}") from None
        except UnicodeError as exc:  # punycode and idna report bad input so
            raise DecodeError(f"{path}: not valid {codec} ({exc})") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, 1.0, "bom"
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"{path}: has a {codec} byte-order mark but is not valid {codec} "
                    f"at byte {exc.start}"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"{path}: binary file ({what}), not text")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryInputError(f"{path}: binary file (contains NUL bytes), not text")
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_controls(text, path)
        return text, "utf-8", 1.0, "utf-8"
    return _lenient_utf8(data, path) or _detect(data, path)


# An invalid byte, as Python's surrogateescape error handler decodes it: one lone surrogate.
_ESCAPED = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _lenient_utf8(data: bytes, path: str) -> tuple[str, str, float, str] | None:
    """UTF-8 with a few invalid bytes, still escaped (see ``_repair``), or None."""
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    valid = len(_NON_ASCII.findall(text)) - invalid  # multi-byte UTF-8 characters
    if valid <= invalid:
        return None
    _reject_controls(text, path)
    return text, "utf-8", valid / (valid + invalid), "utf-8-lenient"


def _read_as(value: int) -> str:
    try:
        return bytes([value]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D
        return "\ufffd"


def _repair(text: str) -> tuple[str, tuple[InvalidByte, ...]]:
    """Each escaped invalid byte as its Windows-1252 character, and where each one was."""
    found: list[InvalidByte] = []
    parts: list[str] = []
    byte_offset = done = 0
    for m in _ESCAPED.finditer(text):
        i = m.start()
        byte_offset += len(text[done:i].encode("utf-8"))
        value = ord(m.group()) - 0xDC00
        found.append(InvalidByte(i, byte_offset, value, _read_as(value)))
        parts += (text[done:i], found[-1].read_as)
        byte_offset += 1
        done = i + 1
    parts.append(text[done:])
    return "".join(parts), tuple(found)


def _utf16_without_bom(data: bytes) -> tuple[str, str, float, str] | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0) / (len(data) // 2)
    odd = data[1::2].count(0) / (len(data) // 2)
    if odd > 0.3 and even < 0.05:
        codec = "utf-16-le"
    elif even > 0.3 and odd < 0.05:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _mess(text) > 0.2:
        return None
    return text, codec, round(max(odd, even), 4), "utf-16"


def _detect(data: bytes, path: str) -> tuple[str, str, float, str]:
    import chardet  # lazy: UTF-8 input never pays for it

    proposals: list[tuple[str, float]] = []
    for guess in chardet.detect_all(
        data,
        ignore_threshold=True,
        compat_names=False,
        prefer_superset=True,
        include_encodings=PLAUSIBLE,
    ):
        name = guess.get("encoding")
        if name:
            proposals.append((_canonical(name), float(guess.get("confidence") or 0.0)))
    seen: set[str] = set()
    ranked: list[tuple[float, float, int, str, str, float]] = []
    for order, (codec, confidence) in enumerate([*proposals, *((c, 0.0) for c in _FALLBACKS)]):
        if codec in seen:
            continue
        seen.add(codec)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(text) > 0.01:
            continue
        prior = confidence + _PRIOR.get(codec, 0.0)
        ranked.append((round(_mess(text), 3), -prior, order, codec, text, confidence))
    if not ranked:
        raise DecodeError(
            f"{path}: undecodable bytes: neither UTF-8 nor any plausible encoding fits"
        )
    mess, _, _, codec, text, confidence = min(ranked)
    subset = _PREFER_SUBSET.get(codec)
    if subset is not None:
        try:
            if data.decode(subset) == text:
                codec = subset  # name the narrower standard when it reads the same
        except UnicodeDecodeError:
            pass
    if mess > 0.35:
        raise DecodeError(
            f"{path}: undecodable bytes: the best guess ({codec}) gives garbled text; "
            "name the encoding with --encoding"
        )
    return text, codec, confidence, "detected"


def _canonical(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return name
    codec = codec.replace("_", "-")
    return _SUPERSET.get(codec, codec)


def _reject_controls(text: str, path: str) -> None:
    # Valid UTF-8 is text even with a few stray controls (OCR leaves them);
    # a tenth of the characters being controls means it is not.
    if _control_ratio(text) > 0.1:
        raise BinaryInputError(f"{path}: binary file (control characters), not text")


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x80-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0]
    return "CJK" if word in ("HANGUL", "CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC") else word


_LETTERS = re.compile(r"[^\W\d_]+")


def _mess(text: str) -> float:
    """Share of non-ASCII characters that look like mojibake.

    Symbols and control characters where letters should be, and words that
    mix scripts ("cafЃЌ": Latin then Cyrillic) are the marks of a wrong codec.

    >>> _mess("café – “ok” Пхеньян 평양")
    0.0
    >>> _mess("·Îµ¿½Å¹®") > 0.5, _mess("cafЃЌЏђ") > 0.5
    (True, True)
    """
    non_ascii = 0
    bad = 0
    for ch in text:
        if ch < "\x80":
            continue
        non_ascii += 1
        cat = unicodedata.category(ch)
        if cat[0] == "L" or cat[0] == "M":
            continue
        control = cat in ("Cc", "Co", "Cn", "Cs")
        symbol = cat[0] == "S" and ch not in "€£¥©®°±×÷™"
        latin1_sign = "\xa1" <= ch <= "\xbf" and ch not in "«»¡¿·§¶"
        if control or symbol or latin1_sign:
            bad += 1
    if not non_ascii:
        return 0.0
    for word in _LETTERS.findall(text):
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        accented = sum(1 for ch in word if ch >= "\x80")
        # Mixed scripts in one word, or a Latin word made mostly of accented
        # letters ("cafÅçèêù"), is what a wrong single-byte codec produces.
        if len(scripts) > 1 or (
            scripts == {"LATIN"} and accented >= 3 and 2 * accented > len(word)
        ):
            bad += accented
    return min(1.0, bad / non_ascii)


def _looks_markdown(text: str) -> bool:
    head = text[:20000]
    return head.count("**") >= 4 or "\n# " in head or "\n## " in head or head.startswith("# ")


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, for the message; None for a regular file.

    A FIFO blocks its reader until a writer comes, ``/dev/zero`` never ends: a
    scan or a check reads neither (a link to one included).
    """
    if stat.S_ISREG(mode):
        return None
    kinds = [
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ]
    return next((what for test, what in kinds if test(mode)), "not a regular file")
