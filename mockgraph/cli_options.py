"""How the command line reads a setting: options that show their variable, typed values, and one-line errors.

One job, shared by every command module (``serve_cli``, ``token_cli``, ...): a bad setting is one line,
``mockgraph: ...``, naming where the value came from (the flag, or the ``MOCKGRAPH_*`` variable) with
exit status 2, and values are read as ``Settings.from_env`` reads them, so a flag and its variable
never disagree. Only click and ``mockgraph.config`` at the top: the command line's cold start is measured.
"""

from __future__ import annotations

import click
from click.core import ParameterSource

from mockgraph.config import parse_bool, parse_int


class CliError(click.ClickException):
    """A mistake in how mockgraph was called (a setting, a name): one line, and exit status 2 as for usage errors."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"mockgraph: {self.format_message()}", file=file, err=file is None)


def setting(ctx: click.Context, name: str) -> str:
    """How the user set parameter ``name``: its flag, its variable, or (by default) both, to say how to change it."""
    param = next(p for p in ctx.command.params if p.name == name)
    flag = max(param.opts, key=len)
    source = ctx.get_parameter_source(name)
    if source is ParameterSource.ENVIRONMENT:
        return str(param.envvar)
    if source is ParameterSource.COMMANDLINE:
        return flag
    return f"{flag} / {param.envvar}"


class Option(click.Option):
    """An option that shows its variable in --help and reports a bad value as one line naming its source."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("show_envvar", True)
        super().__init__(*args, **kwargs)

    def process_value(self, ctx: click.Context, value):
        try:
            return super().process_value(ctx, value)
        except click.BadParameter as exc:
            raise CliError(f"{setting(ctx, self.name)}: {exc.message}") from None


class Integer(click.ParamType):
    """A whole number read as ``Settings.from_env`` reads one, within bounds."""

    name = "integer"

    def __init__(self, low: int | None = None, high: int | None = None, expected: str | None = None):
        self.low, self.high = low, high
        self.expected = expected or ("a whole number" if low is None else f"{low} or more" if high is None
                                     else f"{low} to {high}")

    def convert(self, value, param, ctx) -> int:
        try:
            number = value if isinstance(value, int) else parse_int(value)
        except ValueError as exc:
            self.fail(f"{exc}; use {self.expected}", param, ctx)
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            self.fail(f"{number} is out of range; use {self.expected}", param, ctx)
        return number


class RateLimit(click.ParamType):
    """N/S: at most N Graph requests in each window of S seconds (checked as create_app checks it)."""

    name = "N/S"

    def convert(self, value, param, ctx) -> str:
        from mockgraph.throttling import parse_rate

        try:
            parse_rate(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return value


class Boolean(click.types.BoolParamType):
    """A switch's variable, spelled as ``Settings.from_env`` reads booleans (true/false, 1/0, yes/no, on/off)."""

    def convert(self, value, param, ctx) -> bool:
        try:
            return value if isinstance(value, bool) else parse_bool(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def option(*decls: str, **attrs):
    """``click.option`` with the ``Option`` class: the variable shown in --help, a bad value as one line."""
    return click.option(*decls, cls=Option, **attrs)
