"""Click options built from the declarations in ``_args``, so each option is written once.

    options(opts)      decorator adding the click options for ``opts``
    pair_options       decorator adding the comparison options (compare, report)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from ._args import CHOICE, FLAG, INT, PAIR_OPTIONS, Opt

F = TypeVar("F", bound=Callable[..., Any])


def _option(opt: Opt) -> Callable[[F], F]:
    kwargs: dict[str, Any] = {"default": opt.default, "help": opt.help}
    if opt.kind == FLAG:
        kwargs["is_flag"] = True
    elif opt.kind == CHOICE:
        kwargs["type"] = click.Choice(list(opt.choices))
    elif opt.kind == INT:
        kwargs["type"] = click.IntRange(*opt.bounds)
    if opt.metavar:
        kwargs["metavar"] = opt.metavar
    if opt.show_default:
        kwargs["show_default"] = True
    decorator: Callable[[F], F] = click.option(*opt.decls, opt.dest, **kwargs)
    return decorator


def options(opts: Sequence[Opt]) -> Callable[[F], F]:
    """A decorator adding ``opts`` as click options, in the order given."""

    def decorate(f: F) -> F:
        for opt in reversed(opts):
            f = _option(opt)(f)
        return f

    return decorate


pair_options = options(PAIR_OPTIONS)
