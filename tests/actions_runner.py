"""A test oracle: which output lines the GitHub Actions runner would obey as workflow commands.

A port of ``actions/runner``: ``ActionCommand.TryParseV2`` and the legacy ``ActionCommand.TryParse``
(src/Runner.Common/ActionCommand.cs), tried in that order on every line by
``ActionCommandManager.TryProcessCommand`` (src/Runner.Worker/ActionCommandManager.cs).

    runner_lines(output)   the lines the runner reads (split on CR, LF and CRLF, as .NET's ReadLine)
    parse(line)            the command a line is read as, or None
    commands(output)       every command in an output, in order

Differences from the runner, all on the side of finding more commands, never fewer:

- any command name counts, not only the registered ones: ``stop-commands`` registers an arbitrary
  token as a command, and a new runner may register new names;
- the prefixes are looked for after removing characters that .NET's culture-sensitive
  ``StartsWith``/``IndexOf(string)`` may skip (ICU gives control, format and other default-ignorable
  characters no weight), and ``TrimStart`` is given every character Python calls whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

V2_KEY = "::"
LEGACY_PREFIX = "##["

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) beyond the Cf category.
_DEFAULT_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
    "\U000e0000-\U000e0fff]"
)

# Unescaping, in the runner's order (string.Replace of each mapping in turn).
_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_LEGACY = (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%"))


class Command(NamedTuple):
    syntax: str  # "v2" (::name props::data) or "legacy" (##[name props]data)
    name: str
    properties: dict[str, str]
    data: str


def runner_lines(output: str) -> list[str]:
    """Lines as .NET's StreamReader.ReadLine reads them: CR, LF and CRLF end a line."""
    return re.split(r"\r\n|\r|\n", output)


def _unescape(s: str, table: tuple[tuple[str, str], ...]) -> str:
    for code, char in table:
        s = s.replace(code, char)
    return s


def _ignorable(ch: str) -> bool:
    if ch == "\t":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs") or bool(_DEFAULT_IGNORABLE.match(ch))


def collation_view(line: str) -> str:
    """The line with every character a culture-sensitive comparison may ignore removed."""
    return "".join(ch for ch in line if not _ignorable(ch))


def _properties(text: str, sep: str, table: tuple[tuple[str, str], ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in (p for p in text.split(sep) if p):
        pair = [x for x in item.split("=", 1) if x]
        if len(pair) == 2:
            out[pair[0].lower()] = _unescape(pair[1], table)
    return out


def parse_v2(line: str) -> Command | None:
    """``::name k=v,k=v::data`` at the start of the line (after leading whitespace)."""
    message = line.lstrip()
    if not message.startswith(V2_KEY):
        return None
    end = message.find(V2_KEY, len(V2_KEY))
    if end < 0:
        return None
    info = message[len(V2_KEY) : end]
    name, space, props = info.partition(" ")
    if not name:
        return None
    properties = _properties(props.strip(), ",", _PROPERTY) if space and name else {}
    return Command("v2", name, properties, _unescape(message[end + len(V2_KEY) :], _DATA))


def parse_legacy(line: str) -> Command | None:
    """``##[name k=v;k=v]data`` anywhere in the line."""
    start = line.find(LEGACY_PREFIX)
    if start < 0:
        return None
    rb = line.find("]", start)
    if rb < 0:
        return None
    info = line[start + len(LEGACY_PREFIX) : rb]
    name, space, props = info.partition(" ")
    if not name:
        return None
    properties = _properties(props, ";", _LEGACY) if space else {}
    return Command("legacy", name, properties, _unescape(line[rb + 1 :], _LEGACY))


def parse(line: str) -> Command | None:
    """What the runner makes of one line: TryParseV2, then TryParse, compared ordinally; failing
    that, the same on the line's collation view (what a culture-sensitive match might find)."""
    if not line:
        return None
    view = collation_view(line)
    return parse_v2(line) or parse_legacy(line) or parse_v2(view) or parse_legacy(view)


def commands(output: str) -> list[Command]:
    return [c for c in map(parse, runner_lines(output)) if c is not None]

