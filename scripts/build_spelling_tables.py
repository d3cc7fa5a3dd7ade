#!/usr/bin/env python3
"""Rebuild ``textdiff/normalize/data/spelling_en.tsv`` (British -> American pairs).

Source
    SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, as shipped by
    Debian's ``scowl`` package (2020.12.07-2 in Debian 12 "bookworm"), which
    installs the final word lists in ``/usr/share/dict/scowl``. SCOWL's national
    lists are built from Atkinson's VarCon; the licence is permissive (MIT-like
    notice for SCOWL and VarCon, BSD-style for the Ispell lists VarCon started
    from, and Princeton's WordNet notice for the inflection data); all of them
    are copied verbatim into the table's header.

Run
    apt-get install scowl          # Debian; pinned: scowl 2020.12.07-2
    python scripts/build_spelling_tables.py            # writes the table
    python scripts/build_spelling_tables.py --check    # exit 1 if it is stale

    Without root, ``apt-get download scowl && dpkg-deb -x scowl_*.deb /tmp/scowl``
    and pass ``--scowl-dir /tmp/scowl/usr/share/dict/scowl``.

How pairs are made (all deterministic; no network, no randomness)
    SCOWL lists are read at sizes 10-70 (80 and 95 are left out: they pull in
    UKACD, whose licence asks for its whole notice, and many rare words), plain
    lowercase a-z words only:

    - BR, BV: ``british-words``, ``british_variant_{1,2}-words``
    - AM, AV: ``american-words``, ``variant_1-words`` (mostly American variants)
    - EN: ``english-words``, spelled the same everywhere

    A British side is a word in BR or BV that is in neither AM nor EN. An
    American side ("American-only") is a word in AM, or in AV but not BV, that
    is in neither BR nor EN: it is not a word British English uses, so it can
    never be another British word ("tyre" never pairs with "tire", "kerb" never
    with "curb"). No word can be on both sides.

    1. Every British side is rewritten by one or two of the spelling rules in
       ``RULES`` (our/or, ise/ize, yse/yze, re/er, ll/l, l/ll, ae/e, oe/e,
       ence/ense, ogue/og, mme/m, ...). An American-only result is the pair;
       the fewest rule applications win (a tie is reported and skipped).
       ``FALSE_FRIENDS`` drops the few results reviewed as different words
       (veto+er -> "veter", shoe+r -> "sher").
    2. If no result is American-only but one is a word both varieties use (EN,
       or both main lists), the pair may be a collision:
       - for a main-list British word it is kept only if listed in
         ``SHARED_OK`` (reviewed: programme/program, metre/meter,
         licence/license, practise/practice, enquire/inquire, learnt/learned);
       - for a British variant (foetus/fetus, gramme/gram, mediaeval/medieval,
         instal/install) it is kept unless listed in ``SHARED_REJECTED``.
       ``SHARED_REJECTED`` holds the reviewed collisions (cheque/check,
       prise/prize, matt/mat, haem/hem, nought/nowt, hallo/halo, shoed/shed);
       an unreviewed candidate for a main-list word is printed and left out,
       so a newer SCOWL cannot slip one in unseen.
    3. ``COMMON_OK`` adds reviewed pairs whose British side is a common word
       with an American variant (aesthetic/esthetic, archaeology/archeology).
    4. ``IRREGULAR`` lists stems no rule covers (moustache/mustache,
       pyjama/pajama, aluminium/aluminum, jewellery/jewelry, tsar/czar...).
       Each is expanded over common endings, and an expanded pair is kept only
       if both sides pass the checks above. Inflected forms are never
       invented: a pair exists only where SCOWL lists both forms.

    The output is lowercase, one ``british<TAB>american`` pair a line, sorted,
    with no duplicate British key, no equal sides and no word on both sides.

This script writes only ``spelling_en.tsv``. ``spelling_old.tsv`` and
``romanization_ko.tsv`` are curated by hand and never touched here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "textdiff" / "normalize" / "data" / "spelling_en.tsv"
HAND_CURATED = ("spelling_old.tsv", "romanization_ko.tsv")

DEFAULT_SCOWL_DIR = Path("/usr/share/dict/scowl")
PINNED_VERSION = "2020.12.07-2"
SIZES = (10, 20, 35, 40, 50, 55, 60, 70)
WORD = re.compile(r"[a-z]+")

# Endings after British "-re" that keep the re/er swap (centre, centres,
# centred is a separate rule, centreboard, lustreless, sombrely, ochreous).
_RE_END = (
    r"(?=(?:s|ly|ness|less|ment|ments|board|boards|fold|folds|piece|pieces"
    r"|goer|goers|ware|wares|fill|glass|wort|worts|y|ous)?$)"
)
# Consonants that precede British "-re" (centre, fibre, sabre, ochre, ...).
_RE_BEFORE = r"(?<=[bcdghklmnptv])"

# (name, British regex, American replacement). Each rule only proposes a
# candidate; nothing is kept unless SCOWL attests the American side.
RULES: tuple[tuple[str, str, str], ...] = (
    ("our/or", r"(?<=[a-z]{2})our", "or"),  # colour, honour, odour (not pourer, bourg)
    ("oul/ol", r"ou(?=l)", "o"),  # mould, moult, smoulder
    ("ise/ize", r"(?<=[a-z])is(?=[aei])", "iz"),  # organise, organisation, -ising
    ("yse/yze", r"ys(?=[aei])", "yz"),  # analyse, paralysed, catalysing
    ("re/er", _RE_BEFORE + r"re" + _RE_END, "er"),  # centre, fibre, theatre
    ("red/ered", _RE_BEFORE + r"red$", "ered"),  # centred, sabred
    ("ring/ering", _RE_BEFORE + r"ring(?=s?$)", "ering"),  # centring
    ("ll/l", r"ll", "l"),  # travelled, modelling, woollen
    ("l/ll", r"(?<=[aeiou])l(?=$|s$|ment|ments|ful|fully|fulness|dom)", "ll"),  # fulfil
    ("ae/e", r"(?<!^)ae(?!$)|^ae(?!r)", "e"),  # anaemia, aeon (not aero-, Latin plurals)
    ("oe/e", r"oe(?!s?$)", "e"),  # oestrogen, manoeuvre, diarrhoea
    ("ence/ense", r"ence", "ense"),  # defence, offence, pretence, licence
    ("ogue/og", r"ogue(?=s?$)", "og"),  # catalogue, analogue
    ("ogued/oged", r"ogu(?=ed$|ing$|er$|ers$)", "og"),  # catalogued, cataloguer
    ("mme/m", r"mme(?=s?$)", "m"),  # programme, kilogramme
    ("ough/ow", r"ough", "ow"),  # plough
    ("eable/able", r"eable", "able"),  # likeable, saleable, sizeable
    ("gement/gment", r"gement", "gment"),  # judgement, acknowledgement
    ("eing/ing", r"eing", "ing"),  # ageing
    ("grey/gray", r"^grey", "gray"),
    ("sc/sk", r"sc", "sk"),  # sceptic, mollusc
    ("sulph/sulf", r"sulph", "sulf"),
    ("artefact", r"artefact", "artifact"),
    ("enqui/inqui", r"^enqui", "inqui"),
    ("cheque/check", r"cheque(?!r)", "check"),  # chequebook
    ("chequer/checker", r"chequer", "checker"),  # chequered, chequerboard
    ("tt/t", r"tt", "t"),  # carburettor, clarinettist
    ("pp/p", r"pp", "p"),  # worshipped
    ("mm/m", r"mm", "m"),  # gemmology
    ("practis/practic", r"practis", "practic"),  # practised
)

# Stems no rule above covers, expanded over ENDINGS and kept only where SCOWL
# attests both sides (see the module docstring).
IRREGULAR: tuple[tuple[str, str], ...] = (
    ("abetter", "abettor"),
    ("accoutrement", "accouterment"),
    ("adaptor", "adapter"),
    ("aerofoil", "airfoil"),
    ("aeroplane", "airplane"),
    ("aluminium", "aluminum"),
    ("ambience", "ambiance"),
    ("axe", "ax"),
    ("baulk", "balk"),
    ("behove", "behoove"),
    ("behoving", "behooving"),
    ("blows", "blowz"),  # blowsy, blowsier, blowsiest
    ("briar", "brier"),
    ("chocolatey", "chocolaty"),
    ("collectable", "collectible"),
    ("cosy", "cozy"),
    ("cosi", "cozi"),  # cosier, cosies, cosiest, cosily, cosiness
    ("crozier", "crosier"),
    ("decalitre", "dekaliter"),
    ("decametre", "dekameter"),
    ("dentine", "dentin"),
    ("dependant", "dependent"),
    ("downdraught", "downdraft"),
    ("draughti", "drafti"),  # draughtier, draughtily, draughtiness
    ("draughtsm", "draftsm"),  # draughtsman, -men, -manship
    ("draughtsw", "draftsw"),  # draughtswoman, -women
    ("draughty", "drafty"),
    ("dreamt", "dreamed"),
    ("drily", "dryly"),
    ("dyked", "diked"),
    ("dyking", "diking"),
    ("epaulette", "epaulet"),
    ("flyer", "flier"),
    ("fogey", "fogy"),
    ("fogeys", "fogies"),
    ("fontanelle", "fontanel"),
    ("foregather", "forgather"),
    ("furore", "furor"),
    ("glycerine", "glycerin"),
    ("gobbledegook", "gobbledygook"),
    ("indraught", "indraft"),
    ("jewellery", "jewelry"),
    ("kaftan", "caftan"),
    ("lasagne", "lasagna"),
    ("learnt", "learned"),
    ("liquorice", "licorice"),
    ("lissom", "lissome"),
    ("manoeuvrab", "maneuverab"),  # manoeuvrable, manoeuvrability
    ("miaow", "meow"),
    ("moustache", "mustache"),
    ("mynah", "myna"),
    ("mynahes", "mynas"),
    ("nitroglycerine", "nitroglycerin"),
    ("numbskull", "numskull"),
    ("omelette", "omelet"),
    ("organdie", "organdy"),
    ("pedlar", "peddler"),
    ("phoney", "phony"),
    ("phoneys", "phonies"),
    ("preterite", "preterit"),
    ("pyjama", "pajama"),
    ("reconnoitrer", "reconnoiterer"),
    ("rouble", "ruble"),
    ("sizeably", "sizably"),
    ("slyer", "slier"),
    ("slyest", "sliest"),
    ("speciality", "specialty"),
    ("specialities", "specialties"),
    ("spelt", "spelled"),
    ("spilt", "spilled"),
    ("spoilt", "spoiled"),
    ("subspeciality", "subspecialty"),
    ("tamboura", "tambura"),
    ("thermosyphon", "thermosiphon"),
    ("titbit", "tidbit"),
    ("tsar", "czar"),
    ("tumbril", "tumbrel"),
    ("unlearnt", "unlearned"),
    ("updraught", "updraft"),
    ("whirr", "whir"),
    ("whisky", "whiskey"),
    ("whiskies", "whiskeys"),
    ("whizz", "whiz"),
)
ENDINGS = ("", "s", "es", "d", "ed", "ing", "er", "ers", "ly", "ness", "ity")

# Pairs whose American side is also an ordinary British word (SCOWL "english"),
# reviewed by hand. Kept: the American side is the same word in British use
# (British "program" in computing, "meter" and "licence"/"license" are the same
# words, "practice" is the British noun of "practise").
SHARED_OK: dict[str, str] = {
    "colouration": "coloration",
    "decalitres": "decaliters",
    "decametres": "decameters",
    "dependant": "dependent",
    "discolouration": "discoloration",
    "discolourations": "discolorations",
    "dreamt": "dreamed",
    "encyclopaedia": "encyclopedia",
    "encyclopaedias": "encyclopedias",
    "encyclopaedic": "encyclopedic",
    "encyclopaedically": "encyclopedically",
    "encyclopaedist": "encyclopedist",
    "encyclopaedists": "encyclopedists",
    "enquire": "inquire",
    "enquired": "inquired",
    "enquires": "inquires",
    "enquiries": "inquiries",
    "enquiring": "inquiring",
    "enquiry": "inquiry",
    "learnt": "learned",
    "licence": "license",
    "licences": "licenses",
    "metre": "meter",
    "metres": "meters",
    "micrometre": "micrometer",
    "micrometres": "micrometers",
    "practise": "practice",
    "practises": "practices",
    "programme": "program",
    "programmes": "programs",
    "spelt": "spelled",
    "spilt": "spilled",
    "spoilt": "spoiled",
    "unlearnt": "unlearned",
}
# Reviewed and left out: the American side is, in British English, a different
# everyday word (the collisions a normaliser must not merge).
SHARED_REJECTED: dict[str, str] = {
    "cheque": "check",
    "cheques": "checks",
    "haem": "hem",
    "matt": "mat",
    "matts": "mats",
    "nought": "nowt",
    "noughts": "nowts",
    "prise": "prize",
    "prises": "prizes",
    "chequer": "checker",
    "chequers": "checkers",
    # British variants whose rule result is an unrelated word:
    "bourn": "born",
    "bunkoed": "bunked",
    "hallo": "halo",
    "halloing": "haloing",
    "hallooed": "haloed",
    "hallos": "halos",
    "mandril": "mandrill",
    "mandrils": "mandrills",
    "shoed": "shed",
    # not proposed by any rule, listed so the decision is on record:
    "draught": "draft",
    "draughts": "drafts",
    "kerb": "curb",
    "storey": "story",
    "tyre": "tire",
    "groyne": "groin",
}

# Rule results that SCOWL attests but that are not the same word: the rule
# matched across a word boundary (veto+er, shoe+r, bastinado+ed) or the pair is
# a different, rare or Latin form. Reviewed by hand and left out.
FALSE_FRIENDS: dict[str, str] = {
    "bael": "bel",
    "baels": "bels",
    "bastinadoed": "bastinaded",
    "caesar": "cesar",
    "hetaerism": "heterism",
    "kaed": "ked",
    "preaemptor": "preemptor",
    "preaexistent": "preexistent",
    "reaentrance": "reentrance",
    "stentour": "stentor",
    "stentours": "stentors",
    "stour": "stor",
    "taels": "tels",
    "goey": "gey",
    "loesses": "lesses",
    "maigre": "maiger",
    "matres": "maters",
    "misadvise": "misadvize",
    "oecus": "ecus",
    "proemial": "premial",
    "shoer": "sher",
    "snowshoed": "snowshed",
    "ventre": "venter",
    "ventres": "venters",
    "vetoer": "veter",
}

# Words every variety uses (SCOWL "english") that American English also spells
# another way (SCOWL "variant_1", American-only). Such a left side is taken
# only from this reviewed list: rules applied to common words otherwise pair
# unrelated words (bell/bel, litter/liter, titter/titer, apprise/apprize).
COMMON_OK: dict[str, str] = {
    "aesthetic": "esthetic",
    "aesthetics": "esthetics",
    "amoeba": "ameba",
    "amoebas": "amebas",
    "amoebic": "amebic",
    "amoeboid": "ameboid",
    "analyses": "analyzes",
    "archaeologic": "archeologic",
    "archaeological": "archeological",
    "archaeologist": "archeologist",
    "archaeologists": "archeologists",
    "archaeology": "archeology",
    "catalyses": "catalyzes",
    "dialyses": "dialyzes",
    "glamour": "glamor",
    "glamoured": "glamored",
    "glamouring": "glamoring",
    "glamours": "glamors",
    "homologue": "homolog",
    "hydrolyses": "hydrolyzes",
    "molluscan": "molluskan",
    "paralyses": "paralyzes",
    "psychoanalyses": "psychoanalyzes",
    "reanalyses": "reanalyzes",
    "travelogue": "travelog",
    "travelogues": "travelogs",
}

SCOWL_NOTICE = """\
SCOWL: The collective work is Copyright 2000-2018 by Kevin Atkinson as well
as any of the copyrights mentioned below:

  Copyright 2000-2018 by Kevin Atkinson

  Permission to use, copy, modify, distribute and sell these word
  lists, the associated scripts, the output created from the scripts,
  and its documentation for any purpose is hereby granted without fee,
  provided that the above copyright notice appears in all copies and
  that both that copyright notice and this permission notice appear in
  supporting documentation. Kevin Atkinson makes no representations
  about the suitability of this array for any purpose. It is provided
  "as is" without express or implied warranty.

The VarCon package was used to create the American, British, Canadian,
and Australian word list.  It is under the following copyright:

  Copyright 2000-2016 by Kevin Atkinson

  Permission to use, copy, modify, distribute and sell this array, the
  associated software, and its documentation for any purpose is hereby
  granted without fee, provided that the above copyright notice appears
  in all copies and that both that copyright notice and this permission
  notice appear in supporting documentation. Kevin Atkinson makes no
  representations about the suitability of this array for any
  purpose. It is provided "as is" without express or implied warranty.

  Copyright 2016 by Benjamin Titze

  Permission to use, copy, modify, distribute and sell this array, the
  associated software, and its documentation for any purpose is hereby
  granted without fee, provided that the above copyright notice appears
  in all copies and that both that copyright notice and this permission
  notice appear in supporting documentation. Benjamin Titze makes no
  representations about the suitability of this array for any
  purpose. It is provided "as is" without express or implied warranty.

  Since the original words lists come from the Ispell distribution:

  Copyright 1993, Geoff Kuenning, Granada Hills, CA
  All rights reserved.

  Redistribution and use in source and binary forms, with or without
  modification, are permitted provided that the following conditions
  are met:

  1. Redistributions of source code must retain the above copyright
     notice, this list of conditions and the following disclaimer.
  2. Redistributions in binary form must reproduce the above copyright
     notice, this list of conditions and the following disclaimer in the
     documentation and/or other materials provided with the distribution.
  3. All modifications to the source code must be clearly marked as
     such.  Binary redistributions based on modified source code
     must be clearly marked as modified versions in the documentation
     and/or other materials provided with the distribution.
  (clause 4 removed with permission from Geoff Kuenning)
  5. The name of Geoff Kuenning may not be used to endorse or promote
     products derived from this software without specific prior
     written permission.

  THIS SOFTWARE IS PROVIDED BY GEOFF KUENNING AND CONTRIBUTORS ``AS IS'' AND
  ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
  IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
  ARE DISCLAIMED.  IN NO EVENT SHALL GEOFF KUENNING OR CONTRIBUTORS BE LIABLE
  FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
  DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
  OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
  HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
  LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
  OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
  SUCH DAMAGE.

The WordNet database, which was used in the creation of the
Inflections database, is under the following copyright:

  This software and database is being provided to you, the LICENSEE,
  by Princeton University under the following license.  By obtaining,
  using and/or copying this software and database, you agree that you
  have read, understood, and will comply with these terms and
  conditions.:

  Permission to use, copy, modify and distribute this software and
  database and its documentation for any purpose and without fee or
  royalty is hereby granted, provided that you agree to comply with
  the following copyright notice and statements, including the
  disclaimer, and that the same appear on ALL copies of the software,
  database and documentation, including modifications that you make
  for internal use or for distribution.

  WordNet 1.6 Copyright 1997 by Princeton University.  All rights
  reserved.

  THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
  UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
  IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
  UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
  ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE
  LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY
  THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.

  The name of Princeton University or Princeton may not be used in
  advertising or publicity pertaining to distribution of the software
  and/or database.  Title to copyright in this software, database and
  any associated documentation shall at all times remain with
  Princeton University and LICENSEE agrees to preserve same.

The other sources SCOWL draws on at sizes 10-70 (Moby Words II, Brian
Kelk's UK English Wordlist, 12Dicts and its Supplement, 3esl, 2of4brif,
5desk, the 1990 Census name lists) are in the public domain."""


class Lexicon:
    """SCOWL's word sets, and which side of a pair a word may stand on."""

    def __init__(self, scowl_dir: Path) -> None:
        self.dir = scowl_dir
        self.files: list[Path] = []
        self.british = self._load("british-words")
        self.british_variant = self._load("british_variant_1-words") | self._load(
            "british_variant_2-words"
        )
        self.american = self._load("american-words")
        self.american_variant = self._load("variant_1-words")
        self.english = self._load("english-words")
        if not (self.british and self.american and self.english):
            raise SystemExit(
                f"no SCOWL word lists in {scowl_dir}: run `apt-get install scowl` "
                "or pass --scowl-dir"
            )

    def _load(self, category: str) -> frozenset[str]:
        words: set[str] = set()
        for size in SIZES:
            path = self.dir / f"{category}.{size}"
            if not path.exists():
                continue
            self.files.append(path)
            # SCOWL's lists are ISO-8859-1; only plain a-z words are used.
            for line in path.read_text(encoding="latin-1").splitlines():
                word = line.strip()
                if WORD.fullmatch(word):
                    words.add(word)
        return frozenset(words)

    def digest(self) -> str:
        h = hashlib.sha256()
        for path in sorted(set(self.files)):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
        return h.hexdigest()

    def british_only(self, word: str) -> bool:
        """A British spelling (main list or British variant), not American-standard.

        It may still be an accepted American variant (catalogue, judgement).
        """
        return (
            (word in self.british or word in self.british_variant)
            and word not in self.american
            and word not in self.english
        )

    def british_main(self, word: str) -> bool:
        return word in self.british and self.british_only(word)

    def american_only(self, word: str) -> bool:
        """An American spelling that is no British main-list or common word.

        A word on SCOWL's main American list may also be an accepted British
        variant (judgment, sulfur); a word only on the American variant list
        (esthetic, archeology) must be on no British list at all, so that the
        two sides never share a word.
        """
        if word in self.british or word in self.english:
            return False
        if word in self.american:
            return True
        return word in self.american_variant and word not in self.british_variant

    def common(self, word: str) -> bool:
        """Standard in British and American alike (SCOWL "english", or both main lists)."""
        return word in self.english or (word in self.american and word in self.british)


_COMPILED = tuple((name, re.compile(pattern), repl) for name, pattern, repl in RULES)


def _one_step(word: str) -> Iterator[tuple[str, str]]:
    for name, pattern, repl in _COMPILED:
        for m in pattern.finditer(word):
            yield word[: m.start()] + repl + word[m.end() :], name


def candidates(word: str) -> dict[str, int]:
    """Every spelling one or two rule applications make of ``word``, with the fewest steps."""
    steps: dict[str, int] = {}
    for first, _ in _one_step(word):
        steps[first] = 1
    for first in list(steps):
        for second, _ in _one_step(first):
            if second != word and second not in steps:
                steps[second] = 2
    return steps


def shared_ok(lex: Lexicon, british: str, american: str) -> bool:
    """May ``british`` pair with ``american``, a spelling every variety uses?"""
    if lex.british_main(british):
        return SHARED_OK.get(british) == american
    # A British *variant* (foetus, mediaeval, gramme, instal): kept unless rejected.
    return SHARED_REJECTED.get(british) != american


def build_pairs(lex: Lexicon) -> tuple[dict[str, str], list[str]]:
    """British -> American pairs, and a list of notes on what was left out."""
    pairs: dict[str, str] = {}
    notes: list[str] = []
    unreviewed: list[tuple[str, str]] = []
    lefts = sorted(w for w in lex.british | lex.british_variant if lex.british_only(w))
    lefts += sorted(COMMON_OK)

    for british in lefts:
        steps = candidates(british)
        hits = {a: n for a, n in steps.items() if lex.american_only(a)}
        if british in COMMON_OK:
            hits = {a: n for a, n in hits.items() if a == COMMON_OK[british]}
        if hits:
            fewest = min(hits.values())
            best = sorted(a for a, n in hits.items() if n == fewest)
            if len(best) == 1 and FALSE_FRIENDS.get(british) == best[0]:
                continue
            if len(best) == 1:
                pairs[british] = best[0]
            else:
                notes.append(f"ambiguous, skipped: {british} -> {' | '.join(best)}")
            continue
        if british in COMMON_OK:
            continue
        for american in sorted(a for a in steps if lex.common(a)):
            if shared_ok(lex, british, american):
                if british in pairs:
                    notes.append(f"ambiguous, kept first: {british} -> {american}")
                    continue
                pairs[british] = american
            elif SHARED_REJECTED.get(british) != american:
                unreviewed.append((british, american))

    for stem_b, stem_a in IRREGULAR:
        for ending in ENDINGS:
            british, american = stem_b + ending, stem_a + ending
            if british in pairs or not lex.british_only(british):
                continue
            if lex.american_only(american) or (
                lex.common(american) and shared_ok(lex, british, american)
            ):
                pairs[british] = american

    for british, american in unreviewed:
        if british not in pairs:
            notes.append(f"unreviewed collision candidate, left out: {british} -> {american}")
    for british in sorted(FALSE_FRIENDS):
        if british not in lefts:
            notes.append(f"FALSE_FRIENDS entry never proposed (check SCOWL version): {british}")
    for table in (SHARED_OK, COMMON_OK):
        for british, american in sorted(table.items()):
            if pairs.get(british) != american:
                notes.append(f"reviewed pair not produced (check SCOWL version): {british}")
    return pairs, notes


def check_pairs(pairs: dict[str, str]) -> None:
    lefts, rights = set(pairs), set(pairs.values())
    both = lefts & rights
    if both:
        raise SystemExit(f"words on both sides: {sorted(both)[:10]}")
    for b, a in pairs.items():
        if b == a or not WORD.fullmatch(b) or not WORD.fullmatch(a):
            raise SystemExit(f"bad pair: {b!r} -> {a!r}")


def scowl_version(scowl_dir: Path, override: str | None) -> str:
    if override:
        return override
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "scowl"],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode == 0 and out.stdout.strip() and scowl_dir == DEFAULT_SCOWL_DIR:
            return out.stdout.strip()
    except OSError:
        pass
    changelog = scowl_dir.parent.parent / "doc" / "scowl" / "changelog.Debian.gz"
    if changelog.exists():
        with gzip.open(changelog, "rt", encoding="utf-8") as f:
            m = re.match(r"scowl \(([^)]+)\)", f.readline())
            if m:
                return m.group(1)
    return "unknown"


def _comment(lines: Iterable[str]) -> list[str]:
    return [("# " + line).rstrip() for line in lines]


def render(pairs: dict[str, str], version: str, digest: str) -> str:
    header = [
        "spelling_en.tsv: British and American spellings of the same word.",
        "Format: british<TAB>american, lowercase, sorted; one pair a line.",
        "",
        "GENERATED FILE: do not edit by hand. Rebuild with",
        "  apt-get install scowl && python scripts/build_spelling_tables.py",
        "(method, rules and every hand-reviewed decision: that script's docstring).",
        "",
        "Source: SCOWL (Spell Checker Oriented Word Lists) 2020.12.07 by Kevin Atkinson,",
        "  http://wordlist.aspell.net/, as packaged by Debian: scowl " + version + ",",
        "  lists british-words, british_variant_1/2-words, american-words,",
        "  variant_1-words and english-words at sizes 10-70.",
        "  SHA-256 of those input files: " + digest,
        "Licence: permissive (SCOWL/VarCon notice, Ispell BSD-style licence, WordNet",
        "  licence), reproduced below as their terms require.",
        "Modified version: this table is not SCOWL itself but pairs derived from its",
        "  lists by textdiff's build script. A British spelling (SCOWL british or",
        "  british_variant list, not on the american or common list) is paired with",
        "  the American spelling (american list, or American variant) that spelling",
        "  rules (our/or, ise/ize, yse/yze, re/er, ll/l, ae/e, oe/e, ence/ense,",
        "  ogue/og, ...) or a short list of irregular stems make of it. Inflected",
        "  forms are taken only where SCOWL lists both. An American side that is also",
        "  a British word is kept only when reviewed as the same word",
        "  (programme/program, metre/meter, licence/license, foetus/fetus);",
        "  collisions such as tyre/tire, kerb/curb, cheque/check, storey/story,",
        "  draught/draft and prise/prize are left out.",
        f"Pairs: {len(pairs)}",
        "",
        *SCOWL_NOTICE.splitlines(),
    ]
    body = [f"{b}\t{a}" for b, a in sorted(pairs.items())]
    return "\n".join([*_comment(header), *body]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scowl-dir", type=Path, default=DEFAULT_SCOWL_DIR)
    parser.add_argument("--scowl-version", help="record this version (default: ask dpkg)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every note")
    args = parser.parse_args(argv)

    if args.output.name in HAND_CURATED:
        raise SystemExit(f"refusing to overwrite hand-curated {args.output.name}")
    lex = Lexicon(args.scowl_dir)
    version = scowl_version(args.scowl_dir, args.scowl_version)
    if version != PINNED_VERSION:
        print(f"warning: scowl {version}, reviewed lists are for {PINNED_VERSION}", file=sys.stderr)
    pairs, notes = build_pairs(lex)
    check_pairs(pairs)
    for note in notes if args.verbose else notes[:20]:
        print(note, file=sys.stderr)
    if len(notes) > 20 and not args.verbose:
        print(f"... {len(notes) - 20} more notes (-v)", file=sys.stderr)

    text = render(pairs, version, lex.digest())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(
                f"{args.output} is stale: rerun scripts/build_spelling_tables.py", file=sys.stderr
            )
            return 1
        print(f"{args.output} is up to date ({len(pairs)} pairs)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(pairs)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
