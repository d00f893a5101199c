"""The evidence browser: FastAPI over the store. It reads; it never recomputes.

Every HTML page has a JSON twin under ``/api`` built from the same query, and
``/docs`` documents the API from its OpenAPI schema without any script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources import files
from typing import Annotated
from urllib.parse import quote as urlquote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.deliver.missing import blank_none, by_day
from sitrep.deliver.web import assessment
from sitrep.deliver.web.apidocs import api_reference
from sitrep.deliver.web.highlight import Mark, render, snippet
from sitrep.deliver.web.layers import LAYERS, band_words, document_marks, speaker_label
from sitrep.deliver.web.security import LOOPBACK_NAMES, guard, safe_url
from sitrep.deliver.whos_who import roles_seen
from sitrep.likelihood import ICD203_WORDS
from sitrep.store import queries

SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip")]


def _most_quoted(actors: list[dict], n: int = 12) -> list[dict]:
    """The brief's "who is quoted": speakers first, then the most mentioned people and groups."""
    ranked = sorted(
        (a for a in actors if a.get("type") != "place"),
        key=lambda a: (-a["quote_count"], -(a.get("mention_count") or 0), a["name"]),
    )
    return ranked[:n]


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("sitrep.deliver.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=blank_none,
    )
    env.filters["safe_url"] = safe_url
    env.filters["by_day"] = by_day
    env.filters["q"] = lambda v: urlquote(str(v), safe=":")
    env.filters["band_words"] = band_words
    env.filters["speaker"] = speaker_label
    env.globals.update(
        BANDS=ICD203_WORDS,
        LAYERS=LAYERS,
        evidence_link=assessment.evidence_link,
        doc_id_of=lambda record_id: str(record_id).split(":", 1)[0],
    )
    return env


def create_app(
    engine: Engine,
    token: str | None = None,
    allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES,
    title: str = "sitrep",
) -> FastAPI:
    """The app over ``engine`` (open it read-only: :func:`sitrep.store.queries.open_readonly`).

    ``token``: when set, every request must carry it. ``allowed_hosts``: the Host
    names accepted (loopback by default, against DNS rebinding); None accepts any.
    """
    app = FastAPI(
        title=f"{title} evidence browser",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        version="1",
        description="Read-only JSON API over a sitrep store: documents with their records, "
        "actors, quotes, search and the stored assessment.",
    )
    app.state.engine = engine
    app.middleware("http")(guard(token, allowed_hosts))
    env = _env()
    css = files("sitrep.deliver.web").joinpath("static").joinpath("sitrep.css").read_bytes()

    def page(name: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(name).render(request_path=request.url.path, title=title, **context)
        return HTMLResponse(html, status_code=status)

    def found(value, what: str):
        if value is None:
            raise HTTPException(404, f"no such {what}")
        return value

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.endswith(".json"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(
            "error.html.j2",
            request,
            status=exc.status_code,
            status_code=exc.status_code,
            detail=str(exc.detail),
        )

    # --- data: one function per page, shared by the HTML and the JSON route ---

    def brief_data() -> dict:
        counts = queries.corpus_counts(engine)
        return {
            "counts": counts,
            "assessment": assessment.available(engine),
            "judgments": assessment.judgments(engine),
            "storylines": assessment.storylines(engine, 12),
            "contradictions": assessment.contradictions(engine),
            "hypotheses": assessment.hypotheses(engine),
            "actors": _most_quoted(queries.list_actors(engine, limit=1000)["actors"]),
            "documents": queries.list_documents(engine, limit=12)["documents"],
        }

    def actor_data(entity_id: str) -> dict:
        actor = found(queries.get_actor(engine, entity_id), "actor")
        names = {actor["name"], *actor["aliases"]}
        actor["contradictions"] = [
            c for n in sorted(names) for c in assessment.contradictions(engine, n)
        ]
        actor["roles_seen"] = roles_seen(actor.get("role_records", []))
        return actor

    def document_data(doc_id: str) -> dict:
        return found(queries.get_document(engine, doc_id), "document")

    # --- JSON API ---

    @app.get("/api/brief", tags=["api"], summary="The brief: counts, key judgments, storylines")
    def api_brief() -> dict:
        return brief_data()

    @app.get("/api/documents", tags=["api"], summary="Documents, oldest publication first")
    def api_documents(limit: Limit = 100, offset: Offset = 0) -> dict:
        return queries.list_documents(engine, limit, offset)

    @app.get(
        "/api/documents/{doc_id}",
        tags=["api"],
        summary="One document with its quotes, claims, hedges, mentions, places, figures and dates",
    )
    def api_document(doc_id: str) -> dict:
        return document_data(doc_id)

    @app.get(
        "/api/actors", tags=["api"], summary="Actors (resolved entities), most mentioned first"
    )
    def api_actors(
        limit: Limit = 200,
        offset: Offset = 0,
        type: Annotated[str | None, Query(description="person, org, place or group")] = None,
    ) -> dict:
        return queries.list_actors(engine, limit, offset, type)

    @app.get(
        "/api/actors/{entity_id:path}",
        tags=["api"],
        summary="One actor: aliases, roles, quotes by and about, claims, mentions, timeline, "
        "stance changes",
    )
    def api_actor(entity_id: str) -> dict:
        return actor_data(entity_id)

    @app.get(
        "/api/quotes",
        tags=["api"],
        summary="Quotes, filtered by speaker, by who they mention, or by words",
    )
    def api_quotes(
        speaker: str | None = None, about: str | None = None, limit: Limit = 200
    ) -> dict:
        try:
            return {
                "quotes": queries.find_quotes(engine, speaker=speaker, about=about, limit=limit)
            }
        except queries.NoSuchActor as exc:
            raise HTTPException(404, str(exc)) from exc
        except queries.AmbiguousActor as exc:
            raise HTTPException(409, {"error": str(exc), "candidates": exc.candidates}) from exc

    @app.get(
        "/api/quotes/{quote_id}",
        tags=["api"],
        summary="One quote with its cue, source and content spans",
    )
    def api_quote(quote_id: str) -> dict:
        return found(queries.get_quote(engine, quote_id), "quote")

    @app.get("/api/search", tags=["api"], summary="Full-text search over documents and quotes")
    def api_search(q: Annotated[str, Query(max_length=500)] = "", limit: Limit = 50) -> dict:
        return queries.search(engine, q, limit)

    @app.get(
        "/api/storylines", tags=["api"], summary="Storylines of the stored assessment, best first"
    )
    def api_storylines() -> dict:
        return {
            "available": assessment.available(engine),
            "storylines": assessment.storylines(engine),
            "contradictions": assessment.contradictions(engine),
        }

    @app.get(
        "/api/storylines/{storyline_id}",
        tags=["api"],
        summary="One storyline with its members and origins",
    )
    def api_storyline(storyline_id: str) -> dict:
        return found(assessment.storyline(engine, storyline_id), "storyline")

    # --- HTML pages ---

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def brief_page(request: Request):
        return page("brief.html.j2", request, **brief_data())

    @app.get("/brief", include_in_schema=False)
    def brief_alias():
        return RedirectResponse("/", status_code=308)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, limit: Limit = 100, offset: Offset = 0):
        return page("documents.html.j2", request, **queries.list_documents(engine, limit, offset))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, doc_id: str, focus: str | None = None, span: str | None = None
    ):
        data = document_data(doc_id)
        marks, legend = document_marks(data)
        text = data["document"]["text"]
        if span and (m := SPAN.match(span)):
            start, end = int(m.group(1)), int(m.group(2))
            if 0 <= start < end <= len(text):
                marks.append(Mark(start, end, "evidence", "evidence", "the evidence you followed"))
                focus = "evidence"
        body = render(text, marks, focus=focus)
        entities = {}
        for m in data["mentions"]:
            key = m.get("entity_id") or m["text"]
            e = entities.setdefault(
                key,
                {
                    "id": m.get("entity_id"),
                    "name": m.get("entity_name") or m["text"],
                    "type": m.get("entity_type") or m.get("label"),
                    "count": 0,
                },
            )
            e["count"] += 1
        return page(
            "document.html.j2",
            request,
            **data,
            body=body,
            legend=legend.entries(),
            entities=sorted(entities.values(), key=lambda e: (-e["count"], e["name"])),
            focus=focus,
        )

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(
        request: Request, limit: Limit = 200, offset: Offset = 0, type: str | None = None
    ):
        return page(
            "actors.html.j2", request, **queries.list_actors(engine, limit, offset, type), type=type
        )

    @app.get("/actors/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, entity_id: str):
        return page("actor.html.j2", request, actor=actor_data(entity_id))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request, speaker: str | None = None, about: str | None = None, limit: Limit = 200
    ):
        try:
            rows, unknown = (
                queries.find_quotes(
                    engine, speaker=speaker or None, about=about or None, limit=limit
                ),
                None,
            )
        except (queries.NoSuchActor, queries.AmbiguousActor) as exc:
            rows, unknown = [], str(exc)
        return page(
            "quotes.html.j2",
            request,
            quotes=rows,
            speaker=speaker or "",
            about=about or "",
            unknown=unknown,
        )

    @app.get("/quotes/{quote_id}", include_in_schema=False)
    def quote_page(quote_id: str):
        q = found(queries.get_quote(engine, quote_id), "quote")
        return RedirectResponse(
            f"/documents/{urlquote(q['document_id'])}?focus={urlquote(q['id'], safe='')}#focus",
            status_code=303,
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = ""):
        result = queries.search(engine, q)
        for d in result["documents"]:
            d["snippet"] = snippet(d.pop("text"), result["terms"])
        for r in result["quotes"]:
            r["snippet"] = snippet(r["content_text"] or r["text"], result["terms"], width=400)
        return page("search.html.j2", request, **result)

    @app.get("/storylines", response_class=HTMLResponse, include_in_schema=False)
    def storylines_page(request: Request):
        return page(
            "storylines.html.j2",
            request,
            available=assessment.available(engine),
            storylines=assessment.storylines(engine),
            contradictions=assessment.contradictions(engine),
        )

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(request: Request, storyline_id: str):
        story = found(assessment.storyline(engine, storyline_id), "storyline")
        return page("storyline.html.j2", request, story=story)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        return page("apidocs.html.j2", request, api=api_reference(app.openapi()))

    @app.get("/static/sitrep.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=300"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app
