"""The command line: ``mockgraph serve`` and friends. Only the command modules read the environment.

This module is the group and nothing else: each command lives in a module named for it (``serve_cli``,
``examples_cli``, ``token_cli``, ``openapi_cli``, ``pact_cli``), and how they read settings and report a
bad one (one line, ``mockgraph: ...``, naming the flag or ``MOCKGRAPH_*`` variable, exit status 2) is
``cli_options``. A command's module is imported only when that command runs (or ``--help`` lists it):
``mockgraph serve`` does not pay for the Pact broker's HTTP client, and the command line's cold start is
measured (bench/bench_serve.py). Their public names stay importable from here, loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # loaded on first use by __getattr__ below
    from mockgraph.cli_options import CliError, option, setting
    from mockgraph.examples_cli import MANIFEST, example_descriptions, example_files, examples
    from mockgraph.serve_cli import serve
    from mockgraph.token_cli import token

#: command name -> (module, attribute): what ``mockgraph NAME`` runs, imported when it is asked for.
COMMANDS = {
    "serve": ("mockgraph.serve_cli", "serve"),
    "examples": ("mockgraph.examples_cli", "examples"),
    "token": ("mockgraph.token_cli", "token"),
    "openapi": ("mockgraph.openapi_cli", "command"),
    "pact": ("mockgraph.pact_cli", "pact"),
}
#: the names this module has always offered, and where each lives
_NAMES = {"CliError": "mockgraph.cli_options", "option": "mockgraph.cli_options", "setting": "mockgraph.cli_options",
          "serve": "mockgraph.serve_cli", "token": "mockgraph.token_cli", "examples": "mockgraph.examples_cli",
          "MANIFEST": "mockgraph.examples_cli", "example_descriptions": "mockgraph.examples_cli",
          "example_files": "mockgraph.examples_cli"}

__all__ = ["MANIFEST", "CliError", "example_descriptions", "example_files", "examples", "main", "option", "serve",
           "setting", "token"]


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name]), name)
    raise AttributeError(f"module 'mockgraph.cli' has no attribute {name!r}")


class _Group(click.Group):
    """Imports a command's module when the command is asked for; lists each command with its whole summary,
    wrapped, where click would cut it off with '...'."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            module, attribute = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mockgraph")
def main() -> None:
    """A contract-testing mock of the Microsoft Graph virtual events API."""
