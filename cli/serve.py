"""`waspada serve` and `waspada scheduler`: the long-running processes, each on a prepared database."""

from __future__ import annotations

from typing import Annotated

import typer

from core.config import get_settings
from core.db import get_engine
from seeds.bootstrap import prepare_database


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL deployments)")] = 1,
) -> None:
    """Start the server; an empty database is migrated and seeded with regions first."""
    import uvicorn

    settings = get_settings()
    result = prepare_database(get_engine(settings), settings)
    typer.echo(f"database ready: {result.kabupaten} kabupaten/kota in the registry")
    typer.echo(f"API on http://{host}:{port}/api/v1  (OpenAPI: http://{host}:{port}/docs)")
    typer.echo(
        f"Dasbor: http://{host}:{port}/  (masuk di /masuk dengan token dari: "
        "waspada token create --role admin --name <nama>)"
    )
    uvicorn.run(
        "server:create_server",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        server_header=False,  # no "server: uvicorn" telling a scanner what to try
    )


def scheduler_command() -> None:
    """Run the weekly snapshot scheduler in the foreground (a second one by mistake changes nothing)."""
    from scheduler import main

    settings = get_settings()
    prepare_database(get_engine(settings), settings)
    main(settings)
