"""How every command reports a refusal: one red line per problem on stderr, exit code 2."""

from __future__ import annotations

from typing import NoReturn

import typer

from core.errors import InvalidInput, WaspadaError

REFUSED = 2  # the exit code of a command that changed nothing because its input was refused


def fail(exc: WaspadaError) -> NoReturn:
    """End the command with the error's message (each field's reason for invalid input)."""
    message = exc.message
    if isinstance(exc, InvalidInput):
        message = "\n".join(f"{e.field}: {e.reason}" for e in exc.errors)
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=REFUSED)
