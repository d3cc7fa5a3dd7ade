"""Write re-encoded copies of the samples into samples/encodings/.

    python samples/make_encodings.py          # (re)write them
    python samples/make_encodings.py --check  # exit 1 if a copy is missing or stale

Each copy holds exactly the text of its UTF-8 original, so `textdiff compare`
of a copy against its original must say "identical" once decoded; the copies
exercise encoding detection (a BOM, UTF-16 without a BOM, single-byte cp1252,
and EUC-KR for the article whose masthead is in Hangul).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "encodings"

COPIES = (
    # (source, codec, BOM bytes to put first, file name)
    ("closing-address.txt", "cp1252", b"", "closing-address.cp1252.txt"),
    ("closing-address.txt", "utf-16-le", b"\xff\xfe", "closing-address.utf-16.txt"),
    ("closing-address.txt", "utf-16-le", b"", "closing-address.utf-16le-nobom.txt"),
    ("closing-address.txt", "utf-8", b"\xef\xbb\xbf", "closing-address.utf-8-bom.txt"),
    ("cell-secretaries-2013.txt", "cp1252", b"", "cell-secretaries-2013.cp1252.txt"),
    ("rodong-short-course-2021.txt", "euc-kr", b"", "rodong-short-course-2021.euc-kr.txt"),
)


def build() -> dict[str, bytes]:
    return {
        name: bom + (HERE / src).read_text(encoding="utf-8").encode(codec)
        for src, codec, bom, name in COPIES
    }


def main(argv: list[str]) -> int:
    wanted = build()
    if "--check" in argv:
        stale = [
            n
            for n, data in wanted.items()
            if not (OUT / n).exists() or (OUT / n).read_bytes() != data
        ]
        for n in stale:
            print(f"stale or missing: samples/encodings/{n}")
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for name, data in wanted.items():
        (OUT / name).write_bytes(data)
        print(f"wrote samples/encodings/{name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
