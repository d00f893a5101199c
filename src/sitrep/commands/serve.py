"""The `sitrep serve` command: the evidence browser over a store, read-only."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[
            str | None,
            typer.Option(
                "--db", help="SQLite file or SQLAlchemy URL (env SITREP_DB; default sitrep.db)"
            ),
        ] = None,
        host: Annotated[
            str, typer.Option("--host", help="Address to bind; anything but loopback needs a token")
        ] = "127.0.0.1",
        port: Annotated[
            int, typer.Option("--port", min=0, max=65535, help="Port to listen on")
        ] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                "--token",
                envvar="SITREP_TOKEN",
                help="Shared secret every request must carry (env SITREP_TOKEN)",
            ),
        ] = None,
    ) -> None:
        """Browse the evidence: the brief, documents with highlights,
        actors, quotes, search, JSON API."""
        import uvicorn
        from rich.console import Console

        from sitrep.deliver.web.app import create_app
        from sitrep.deliver.web.security import LOOPBACK_NAMES, BindRefused, check_bind, is_loopback
        from sitrep.store.queries import open_readonly

        err = Console(stderr=True, soft_wrap=True)
        try:
            check_bind(host, token)
        except BindRefused as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        from sitrep.store.location import StoreError

        try:
            engine = open_readonly(db)
            with engine.connect():
                pass
        except StoreError as exc:
            from rich.markup import escape

            err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(2) from exc
        except Exception as exc:
            err.print(f"[red]error:[/] cannot open the database {db or ''}: {exc}")
            raise typer.Exit(2) from exc
        busy = _port_taken(host, port)
        if busy:
            err.print(
                f"[red]error:[/] cannot listen on {host}:{port}: {busy}; "
                "choose another with --port (or stop what is using it)"
            )
            raise typer.Exit(2)
        allowed = LOOPBACK_NAMES if is_loopback(host) else None
        web = create_app(engine, token=token, allowed_hosts=allowed)
        shown = f"[{host}]" if ":" in host else host
        link = f"http://{shown}:{port}/"
        from sqlalchemy.engine import make_url

        from sitrep.store.db import resolve_url

        shown_db = make_url(resolve_url(db)).render_as_string(hide_password=True)
        err.print(
            f"Serving {shown_db} read-only at {link}"
            + ("  (open it once with ?token=<your token>)" if token else "")
        )
        uvicorn.run(
            web, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False
        )


def _port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound, said before 'Serving at' rather
    than as uvicorn's error after it."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return "the port is already in use (another sitrep serve?)"
            return exc.strerror or str(exc)
    return None
