"""``mockgraph token``: print an access token (a JWT, not really signed) for curl and ``--check-permissions``.

One job: the command, registered on the main group by ``cli.py`` as ``pact_cli.py`` is for ``mockgraph
pact``; the token itself is made by ``tokens.make_token`` (imported when the command runs), so the
pytest fixture's ``token()`` and this command issue the same tokens.
"""

from __future__ import annotations

import click

from mockgraph.cli_options import CliError, Integer


@click.command(short_help="Print an access token (a JWT, not really signed) for curl and --check-permissions.")
@click.option("--scopes", multiple=True, help="Delegated permissions (the scp claim), e.g. VirtualEvent.ReadWrite; "
              "repeat the flag or separate them with spaces or commas.")
@click.option("--roles", multiple=True, help="Application permissions (the roles claim), e.g. VirtualEvent.Read.All; "
              "a token with roles and no scopes is an application token.")
@click.option("--user", help="The signed-in user's object id (oid): the organizer of what the token creates.")
@click.option("--expires-in", default=3600, show_default=True, type=Integer(), help="Seconds until it expires "
              "(negative: expired already).")
@click.option("--tenant", help="The tenant id (tid).")
@click.option("--app-id", help="The calling application's id (appid).")
@click.option("--audience", default="https://graph.microsoft.com", show_default=True, help="The aud claim.")
@click.option("--now", help="Issue it at this ISO 8601 instant (the mock's MOCKGRAPH_CLOCK, if you pinned it).")
def token(scopes: tuple[str, ...], roles: tuple[str, ...], user: str | None, expires_in: int, tenant: str | None,
          app_id: str | None, audience: str, now: str | None) -> None:
    """Print an access token for Microsoft Graph shaped like Entra's, signed HS256 with mockgraph's published dummy key.

    \b
    A served mock with --check-permissions reads its claims and never its signature:
      curl URL -H "Authorization: Bearer $(mockgraph token --scopes VirtualEvent.ReadWrite)"
    """
    from mockgraph.tokens import epoch, make_token

    if not scopes and not roles:
        raise CliError("give --scopes (a delegated token) or --roles (an application token)")
    try:
        epoch(now)
    except ValueError:
        raise CliError(f"--now: {now!r} is not an ISO 8601 instant (use e.g. 2024-06-01T12:00:00Z)") from None
    try:
        click.echo(make_token(scopes, roles, user=user, tenant=tenant, app_id=app_id, expires_in=expires_in,
                              audience=audience, now=now))
    except ValueError as exc:
        raise CliError(str(exc)) from None
