"""Configuration of ``textdiff check``: finding it, reading it, and checking that it makes sense.

    discover(start)     the closest textdiff.toml, .textdiff.toml or pyproject.toml [tool.textdiff]
    load_config(path)   parse and validate one file -> Config
    with_rules(c, r)    every check with rules ``r`` (``check --rules``) over its own
    parse_config(...)   the same for an already decoded TOML table (what the tests feed)

    Settings            per-check settings: profile, allow, max-substantive, min-coverage, embedded,
                        moves, rules
    CheckSpec           one [[check]] table: a reference and copies, or a pairing rule
    Config              the whole file: checks, baseline path, cache directory, jobs, max-size

Every key is listed in ``TOP_KEYS``, ``SETTING_KEYS`` and ``CHECK_KEYS``; anything else is an
error that names the key and the file, so a typo never silently turns a check off.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import Options, OptionsError
from ..load import DEFAULT_MAX_SIZE, parse_size
from ..userrules import NO_RULES, RuleSet
from .errors import ConfigError

CONFIG_NAMES = ("textdiff.toml", ".textdiff.toml", "pyproject.toml")

DEFAULT_BASELINE = "textdiff-baseline.json"
DEFAULT_CACHE_DIR = ".textdiff_cache"

# Keys that may stand at the top level only.
TOP_KEYS = ("baseline", "cache", "cache-dir", "jobs", "max-size", "check")
# Keys of per-check settings: at the top level they are the defaults of every check.
SETTING_KEYS = (
    "profile",
    "allow",
    "max-substantive",
    "min-coverage",
    "embedded",
    "moves",
    "rules",
)
# Keys of a [[check]] table besides the settings.
CHECK_KEYS = ("name", "reference", "copies", "reference-dir", "copy-dir", "match")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a check tolerates. ``options`` is what ``textdiff.compare`` is run with."""

    profile: str = "default"
    allow: tuple[str, ...] = ()
    max_substantive: int = 0
    min_coverage: float = 1.0
    embedded: bool = False
    moves: bool | None = None  # does a moved paragraph count? None: as the profile says
    # Rules of the user's own: the top-level [rules], with a check's [check.rules] groups
    # replacing those of the same name.
    rules: RuleSet = NO_RULES

    @property
    def options(self) -> Options:
        return Options(self.profile, tuple(self.allow), moves=self.moves, rules=self.rules)


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One ``[[check]]``: ``reference`` + ``copies``, or ``reference-dir`` + ``copy-dir``."""

    name: str
    settings: Settings
    reference: str | None = None
    copies: tuple[str, ...] = ()
    reference_dir: str | None = None
    copy_dir: str | None = None
    match: str = "*"


@dataclass(frozen=True, slots=True)
class Config:
    """A parsed configuration. Relative paths in it are relative to ``root``."""

    path: Path  # the file it came from
    root: Path  # the directory holding it
    label: str  # how messages name the file, e.g. "pyproject.toml [tool.textdiff]"
    checks: tuple[CheckSpec, ...]
    baseline: Path
    cache_dir: Path
    cache: bool = True
    jobs: int = 0  # 0: one worker per available core
    max_size: int = DEFAULT_MAX_SIZE  # bytes; a larger reference or copy is bad input (0: none)
    defaults: Settings = field(default_factory=Settings)


def _label(path: Path, pyproject: bool) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    if shown.startswith(".."):
        shown = str(path)
    return f"{shown} [tool.textdiff]" if pyproject else shown


def _read_toml(path: Path) -> dict[str, object]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{_label(path, False)}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_label(path, False)}: invalid TOML: {exc}") from None


def _tool_table(data: Mapping[str, object]) -> object:
    tool = data.get("tool")
    return tool.get("textdiff") if isinstance(tool, dict) else None


def discover(start: Path | str = ".") -> Path:
    """The closest configuration file at or above ``start``.

    In one directory ``textdiff.toml`` comes before ``.textdiff.toml``, which comes before
    ``pyproject.toml``; a ``pyproject.toml`` without ``[tool.textdiff]`` is passed over, as ruff
    and pytest pass over pyproject files that do not configure them.
    """
    here = Path(start).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and _tool_table(_read_toml(candidate)) is None:
                continue
            return candidate
    raise ConfigError(
        f"no textdiff.toml, .textdiff.toml or pyproject.toml with [tool.textdiff] in {here} "
        "or its parents (pass --config PATH)"
    )


def load_config(path: Path | str) -> Config:
    """Read and validate the configuration in ``path`` (a pyproject.toml reads [tool.textdiff])."""
    path = Path(path).resolve()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = _tool_table(data)
        if table is None:
            raise ConfigError(f"{_label(path, False)}: no [tool.textdiff] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{_label(path, False)}: tool.textdiff must be a table")
        return parse_config(table, path, _label(path, True), prefix="tool.textdiff.")
    return parse_config(data, path, _label(path, False))


class _Reader:
    """Typed access to one TOML table, with messages that name the file and the full key."""

    def __init__(self, label: str, prefix: str) -> None:
        self.label = label
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.label}: {self.prefix}{key} {problem}")

    def unknown(self, table: Mapping[str, object], known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                raise ConfigError(
                    f"{self.label}: unknown key '{self.prefix}{key}' "
                    f"(known keys: {', '.join(known)})"
                )

    def string(self, table: Mapping[str, object], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return value

    def strings(self, table: Mapping[str, object], key: str) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a string or a list of non-empty strings")
        return tuple(value)

    def boolean(self, table: Mapping[str, object], key: str) -> bool | None:
        value = table.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def count(self, table: Mapping[str, object], key: str) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        # bool is an int in Python; `max-substantive = true` is a mistake, not 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "must be a whole number, 0 or more")
        return value

    def size(self, table: Mapping[str, object], key: str) -> int | None:
        """``"256M"``, ``"1G"`` or a whole number of bytes."""
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str):
            try:
                return parse_size(value)
            except OptionsError:
                pass
        raise self.fail(key, 'must be a size such as "64M" or "1G", or a number of bytes')

    def fraction(self, table: Mapping[str, object], key: str) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(key, "must be a fraction from 0 to 1, e.g. 0.95")
        return float(value)


def _table(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise OptionsError("rules must be a table ([rules])")
    return value


def _settings(table: Mapping[str, object], base: Settings, rd: _Reader) -> Settings:
    profile = rd.string(table, "profile")
    allow = rd.strings(table, "allow")
    max_substantive = rd.count(table, "max-substantive")
    min_coverage = rd.fraction(table, "min-coverage")
    embedded = rd.boolean(table, "embedded")
    moves = rd.boolean(table, "moves")
    rules = base.rules
    if "rules" in table:
        try:
            rules = rules.merged(RuleSet.from_table(_table(table["rules"]), "rules"))
        except OptionsError as exc:
            raise ConfigError(f"{rd.label}: {rd.prefix}{exc}") from None
    settings = Settings(
        profile=base.profile if profile is None else profile,
        allow=base.allow if allow is None else allow,
        max_substantive=base.max_substantive if max_substantive is None else max_substantive,
        min_coverage=base.min_coverage if min_coverage is None else min_coverage,
        embedded=base.embedded if embedded is None else embedded,
        moves=base.moves if moves is None else moves,
        rules=rules,
    )
    try:
        settings.options  # noqa: B018 - validates profile and categories now, not mid-run
    except OptionsError as exc:
        key = "profile" if "profile" in str(exc) else "allow"
        raise rd.fail(key, f"is invalid: {exc}") from None
    return settings


def _check(table: object, n: int, defaults: Settings, label: str, prefix: str) -> CheckSpec:
    rd = _Reader(label, f"{prefix}check[{n}].")
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: {prefix}check[{n}] must be a table ([[check]])")
    rd.unknown(table, CHECK_KEYS + SETTING_KEYS)
    settings = _settings(table, defaults, rd)
    reference = rd.string(table, "reference")
    copies = rd.strings(table, "copies")
    reference_dir = rd.string(table, "reference-dir")
    copy_dir = rd.string(table, "copy-dir")
    match = rd.string(table, "match")
    explicit = reference is not None or copies is not None
    rule = reference_dir is not None or copy_dir is not None or match is not None
    if explicit and rule:
        raise ConfigError(
            f"{label}: {prefix}check[{n}] mixes reference/copies with reference-dir/copy-dir; "
            "use one or the other"
        )
    if rule:
        if reference_dir is None or copy_dir is None:
            raise ConfigError(f"{label}: {prefix}check[{n}] needs both reference-dir and copy-dir")
        name = rd.string(table, "name") or f"{copy_dir} vs {reference_dir}"
        return CheckSpec(
            name, settings, reference_dir=reference_dir, copy_dir=copy_dir, match=match or "*"
        )
    if reference is None or not copies:
        raise ConfigError(
            f"{label}: {prefix}check[{n}] needs reference and copies "
            "(or reference-dir and copy-dir)"
        )
    name = rd.string(table, "name") or reference
    return CheckSpec(name, settings, reference=reference, copies=copies)


def parse_config(
    data: Mapping[str, object], path: Path, label: str | None = None, prefix: str = ""
) -> Config:
    """Validate a decoded TOML table; ``prefix`` is how its keys are named in messages."""
    label = label or _label(path, False)
    rd = _Reader(label, prefix)
    rd.unknown(data, TOP_KEYS + SETTING_KEYS)
    defaults = _settings(data, Settings(), rd)
    raw_checks = data.get("check")
    if raw_checks is None or raw_checks == []:
        raise ConfigError(f"{label}: no checks configured (add a [[{prefix}check]] table)")
    if not isinstance(raw_checks, list):
        raise ConfigError(f"{label}: {prefix}check must be an array of tables ([[check]])")
    checks = tuple(
        _check(table, n, defaults, label, prefix) for n, table in enumerate(raw_checks, 1)
    )
    seen: set[str] = set()
    for spec in checks:
        if spec.name in seen:
            raise ConfigError(
                f"{label}: two checks are named {spec.name!r}; give each a distinct name"
            )
        seen.add(spec.name)
    root = path.parent
    cache = rd.boolean(data, "cache")
    jobs = rd.count(data, "jobs")
    max_size = rd.size(data, "max-size")
    return Config(
        path=path,
        root=root,
        label=label,
        checks=checks,
        baseline=root / (rd.string(data, "baseline") or DEFAULT_BASELINE),
        cache_dir=root / (rd.string(data, "cache-dir") or DEFAULT_CACHE_DIR),
        cache=True if cache is None else cache,
        jobs=jobs or 0,
        max_size=DEFAULT_MAX_SIZE if max_size is None else max_size,
        defaults=defaults,
    )


def with_rules(config: Config, rules: RuleSet) -> Config:
    """``config`` with ``rules`` added to every check's: a rule of ``rules`` replaces the
    check's rule of the same name (the command line over the file)."""
    if not rules.rules:
        return config

    def over(s: Settings) -> Settings:
        return replace(s, rules=s.rules.merged(rules))

    checks = tuple(replace(c, settings=over(c.settings)) for c in config.checks)
    return replace(config, checks=checks, defaults=over(config.defaults))
