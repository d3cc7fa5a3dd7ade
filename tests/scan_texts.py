"""Texts built for the scan's tests: the shapes of reuse and of templates, on made-up prose.

    Prose(seed)                  sentences of pseudo-words that no two draws share by chance
    reuse_collection(seed)       id -> text: a speech with an excerpt and a summary, a serial
                                 in three parts and its compiled whole, an edited
                                 republication, letters built from one template, and others
    EXPECTED                     the families a scan must find in it, by id
    write_jsonl(path, ids, docs) some of them as a JSON Lines file

The prose is random syllables, so a shared run of words means reuse and
nothing else: no stock phrase, no common word, makes two texts look alike
unless the test put the same sentence in both.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

_SYLLABLES = "ka ro mi ten sul pa do rin ve lo chu an bek sor ul ni gam te yo ha".split()


class Prose:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def word(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3)))

    def sentence(self) -> str:
        words = [self.word() for _ in range(self.rng.randint(12, 20))]
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def paragraphs(self, n: int) -> list[str]:
        return [self.paragraph() for _ in range(n)]


def _doc(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def reuse_collection(seed: int = 1) -> dict[str, str]:
    p = Prose(seed)
    docs: dict[str, str] = {}
    # A long speech; an article that excerpts four of its paragraphs among its own;
    # a summary made of one sentence of each of ten paragraphs, lightly edited.
    speech = p.paragraphs(30)
    docs["speech"] = _doc("Speech at the Congress", *speech)
    docs["excerpt"] = _doc("Speech Quoted", *p.paragraphs(2), *speech[10:14], p.paragraph())
    summary = []
    for para in speech[:20:2]:
        first = para.split(". ")[0] + "."
        summary.append(first.replace(" ", "  ", 1))  # an ignorable edit
    docs["summary"] = _doc("Speech Summarised", *summary)
    # A serial in three parts, then the whole of it compiled.
    parts = [p.paragraphs(8) for _ in range(3)]
    for n, part in enumerate(parts, 1):
        docs[f"serial-{n}"] = _doc(f"Truth Disclosed ({n})", *part)
    docs["serial-whole"] = _doc("Truth Disclosed", *(x for part in parts for x in part))
    # An edited republication: words changed, a sentence dropped.
    article = p.paragraphs(8)
    edited = [*article]
    edited[2] = edited[2].replace(edited[2].split()[3], "changed", 1)
    edited[5] = edited[5].split(". ")[0] + "."
    docs["report"] = _doc("Report", *article)
    docs["report-again"] = _doc("Report", *edited)
    # Twelve letters from one template: the same three sentences, each its own matter.
    template = [p.sentence() for _ in range(3)]
    for n in range(12):
        docs[f"letter-{n:02d}"] = _doc(
            f"Letter to {p.word().capitalize()}",
            f"The representative sent a letter to {p.word()} {p.word()} on day {n}. {template[0]}",
            *p.paragraphs(3),
            f"{template[1]} {template[2]}",
        )
    # Others, related to nothing.
    for n in range(30):
        docs[f"other-{n:02d}"] = _doc(f"Other {n}", *p.paragraphs(5))
    return docs


EXPECTED = [
    ("excerpt", "speech", "summary"),
    ("report", "report-again"),
    ("serial-1", "serial-2", "serial-3", "serial-whole"),
]


def write_jsonl(path: Path, ids: Iterable[str], docs: dict[str, str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": i, "text": docs[i]}) + "\n" for i in ids), encoding="utf-8"
    )
    return path
