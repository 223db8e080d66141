"""The command line: ``mockgraph serve`` and friends. Only the command modules read the environment.

This module is the group and nothing else: each command lives in a module named for it (``serve_cli``,
``examples_cli``, ``token_cli``, ``openapi_cli``, ``pact_cli``), and how they read settings and report a
bad one (one line, ``mockgraph: ...``, naming the flag or ``MOCKGRAPH_*`` variable, exit status 2) is
``cli_options``. Their public names stay importable from here. Every heavy import (the app, the stores,
gunicorn, the OpenAPI document) waits until a command runs: the command line's cold start is measured.
"""

from __future__ import annotations

import click

from mockgraph.cli_options import CliError, option, setting
from mockgraph.examples_cli import MANIFEST, example_descriptions, example_files, examples
from mockgraph.openapi_cli import command as openapi_command
from mockgraph.pact_cli import pact as pact_group
from mockgraph.serve_cli import serve
from mockgraph.token_cli import token

__all__ = ["MANIFEST", "CliError", "example_descriptions", "example_files", "examples", "main", "option", "serve",
           "setting", "token"]


class _Group(click.Group):
    """Lists each command with its whole summary, wrapped, where click would cut it off with '...'."""

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


main.add_command(serve)
main.add_command(examples)
main.add_command(token)
main.add_command(openapi_command)
main.add_command(pact_group)
