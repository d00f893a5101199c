"""`sitrep entities` and `sitrep entity NAME`: actors under all their names, and places."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL (env SITREP_DB; default sitrep.db)"),
]
TYPES = ("person", "org", "place", "group")


def _engine(db: str | None):
    from sitrep.store.db import connect
    from sitrep.store.location import StoreError

    try:
        return connect(db, create=False)
    except StoreError as exc:
        from rich.markup import escape

        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc


def ask_for_fuller_name(exc) -> None:
    """List the actors an ambiguous name fits and stop (exit 1): the user picks one."""
    from rich.markup import escape

    err.print(
        f"[red]error:[/] {escape(repr(exc.name))} names {len(exc.candidates)} different actors; "
        "give a fuller name or one of these ids:",
        highlight=False,
    )
    table = Table()
    table.add_column("id", no_wrap=True)  # what the user types next: never cut
    for col in ("name", "type", "mentions", "documents", "quotes"):
        table.add_column(col)
    for c in exc.candidates:
        table.add_row(
            c["id"],
            c["name"],
            c["type"] or "",
            str(c["mention_count"]),
            str(c["document_count"]),
            str(c["quote_count"]),
        )
    err.print(table)
    raise typer.Exit(1)


def entities(
    db: DbOpt = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="person | org | place | group")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Show at most this many actors")
    ] = 50,
) -> None:
    """Actors and places, most mentioned first, with their other names and roles."""
    from sitrep.store.queries import list_actors

    if type_ is not None and type_ not in TYPES:
        err.print(f"[red]error:[/] --type must be one of {', '.join(TYPES)}")
        raise typer.Exit(2)
    listing = list_actors(_engine(db), limit=limit, type_=type_)
    table = Table(title=f"{listing['total']} entities" + (f" of type {type_}" if type_ else ""))
    for col in ("id", "name", "type", "mentions", "documents", "quotes", "also named", "roles"):
        table.add_column(col)
    for a in listing["actors"]:
        others = [x for x in a["aliases"] if x != a["name"]]
        table.add_row(
            a["id"],
            a["name"],
            a["type"],
            str(a["mention_count"] or 0),
            str(a["document_count"] or 0),
            str(a["quote_count"]),
            ", ".join(others[:6]),
            ", ".join(a["roles"][:4]),
        )
    out.print(table)


def entity(
    name: Annotated[str, typer.Argument(help="A name, alias or entity id (person:oleg-varlamov)")],
    db: DbOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Show at most this many quotes and claims")
    ] = 20,
) -> None:
    """One actor: aliases, roles, quotes by and about them, and the documents naming them."""
    from sitrep.store.queries import AmbiguousActor, get_actor, resolve_actor

    engine = _engine(db)
    try:
        with engine.connect() as conn:
            found = resolve_actor(conn, name)
    except AmbiguousActor as exc:
        ask_for_fuller_name(exc)
    if not found:
        err.print(f"no entity named {name!r} (try `sitrep entities`)")
        raise typer.Exit(1)
    actor = get_actor(engine, found[0])
    out.print(f"[bold]{actor['name']}[/]  [dim]{actor['id']} · {actor['type']}[/]")
    if len(actor["aliases"]) > 1:
        out.print("also named: " + ", ".join(x for x in actor["aliases"] if x != actor["name"]))
    if actor["roles"]:
        out.print("roles: " + ", ".join(actor["roles"]))
    if actor["descriptions"]:
        out.print("described as: " + "; ".join(actor["descriptions"]))
    for title, rows in (("Quotes by", actor["quotes_by"]), ("Quotes about", actor["quotes_about"])):
        if not rows:
            continue
        table = Table(title=f"{title} {actor['name']} ({len(rows)})", show_lines=True)
        for col in ("date", "outlet", "quote"):
            table.add_column(col)
        for r in rows[:limit]:
            table.add_row(
                r.get("published") or "",
                r.get("outlet") or "",
                r.get("content_text") or r.get("text") or "",
            )
        out.print(table)
    docs = Table(title=f"Documents naming {actor['name']} ({len(actor['documents'])})")
    for col in ("date", "outlet", "title", "mentions", "quotes"):
        docs.add_column(col)
    for d in actor["documents"][:limit]:
        docs.add_row(
            d["published"] or "",
            d["outlet"] or "",
            d["title"] or "",
            str(d["mentions"]),
            str(d["quotes"]),
        )
    out.print(docs)


def register(app: typer.Typer) -> None:
    app.command("entities")(entities)
    app.command("entity")(entity)
