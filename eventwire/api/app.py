"""The eventwire web app: a JSON API over the store (OpenAPI at ``/openapi.json``) and dashboard.

Read-only unless started with writes allowed *and* a token; CORS is off unless origins are given.
The dashboard (``/``) is static HTML, CSS and JavaScript from the package: it needs no network.
"""

import datetime as dt
import hmac
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire.api import queries as Q
from eventwire.api.db import StoreProvider
from eventwire.api.errors import ApiError, install_error_handlers
from eventwire.api.limits import LimitsMiddleware
from eventwire.api.settings import DEFAULT_PAGE_SIZE, MAX_CODE_CHARS, MAX_PAGE_SIZE, ApiSettings

EventSort = Literal[
    "date",
    "-date",
    "goldstein",
    "-goldstein",
    "confidence",
    "-confidence",
    "cameo",
    "-cameo",
    "quad_class",
    "-quad_class",
    "article",
    "-article",
]
ArticleSort = Literal["date", "-date", "title", "-title", "words", "-words"]
ActorSort = Literal["mentions", "-mentions", "articles", "-articles", "code", "-code"]
Modality = Literal["asserted", "hypothetical", "conditional", "negated", "denied"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Side = Literal["any", "source", "target"]
Period = Literal["day", "week", "month", "quarter", "year"]

# Short free-text parameters: bounded, printable (no control characters such as NUL).
Text = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
ArticleId = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]


class ErrorBody(BaseModel):
    ok: Literal[False] = False
    error: str
    status: int


class CodeRequest(BaseModel):
    """A text to code (not stored)."""

    text: str = Field(min_length=1, max_length=MAX_CODE_CHARS)
    date: dt.date | None = Field(None, description="date for actor roles (YYYY-MM-DD)")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(None, max_length=300)


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 413, 422, 500, 503)
}
STATIC = resources.files("eventwire.web") / "static"


def _check_page(settings: ApiSettings, limit: int) -> None:
    if limit > settings.max_page_size:
        raise ApiError(422, f"limit must be at most {settings.max_page_size}")


def create_app(
    settings: ApiSettings,
    *,
    provider: StoreProvider | None = None,
    pipeline: Any = None,
) -> FastAPI:
    """The app over ``settings.db``. ``provider``/``pipeline`` may be given (tests share them)."""
    state: dict[str, Any] = {"provider": provider, "pipeline": pipeline}
    pipeline_lock = threading.Lock()  # loading the model
    coding_lock = threading.Lock()  # one text through the (not thread-safe) pipeline at a time

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if state["provider"] is None:
            state["provider"] = StoreProvider(settings.db, writable=settings.writable)
            state["owned"] = True
        yield
        if state.get("owned"):
            state["provider"].close()

    app = FastAPI(
        title="eventwire",
        summary="Political event data coded from news: events, actors, quotes, with provenance.",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # the Swagger/Redoc pages load scripts from a CDN; the schema is enough
        redoc_url=None,
        openapi_url="/openapi.json",
        responses=ERRORS,
    )
    install_error_handlers(app)
    app.add_middleware(LimitsMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )

    def provider_dep() -> StoreProvider:
        found = state["provider"]
        if found is None:  # used without the lifespan (an embedding app)
            found = state["provider"] = StoreProvider(settings.db, writable=settings.writable)
        return found

    ProviderDep = Annotated[StoreProvider, Depends(provider_dep)]

    def store_dep(provider: ProviderDep) -> Iterator[Any]:
        with provider.borrow() as store:  # one connection per request, back to the pool after
            yield store

    StoreDep = Annotated[Any, Depends(store_dep)]

    def get_pipeline() -> Any:
        with pipeline_lock:
            if state["pipeline"] is None:
                from eventwire.pipeline import Pipeline

                state["pipeline"] = Pipeline()
            return state["pipeline"]

    def require_writer(request: Request) -> None:
        if not settings.allow_writes:
            raise ApiError(403, "this server is read-only; start it with --allow-writes")
        if not settings.token:
            raise ApiError(403, "writes need a token: set EVENTWIRE_TOKEN when starting")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), settings.token.encode()
        ):
            raise ApiError(
                401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
            )

    # -- dashboard --------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    @app.get("/dashboard", include_in_schema=False)
    def dashboard_alias() -> RedirectResponse:
        return RedirectResponse("/")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    # -- API --------------------------------------------------------------------------------
    @app.get("/health", tags=["meta"])
    def health(provider: ProviderDep) -> dict[str, Any]:
        """Is the server up, which store it reads, may it write."""
        return {
            "ok": True,
            "version": _version(),
            "backend": provider.kind,
            "writable": settings.writable,
            "max_page_size": settings.max_page_size,
        }

    @app.get("/overview", tags=["analysis"])
    def overview(
        store: StoreDep,
        period: Period | None = None,
        dyads: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> dict[str, Any]:
        """Counts, events over time by quad class, roots, modalities and the top dyads."""
        return Q.overview(store, period=period, dyads=dyads)

    @app.get("/articles", tags=["articles"])
    def articles(
        store: StoreDep,
        q: Text | None = None,
        source: Text | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        sort: ArticleSort = "-date",
        limit: Limit = DEFAULT_PAGE_SIZE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stored articles (without their text), with counts of events, quotes and actors."""
        _check_page(settings, limit)
        return Q.list_articles(
            store,
            q=q,
            source=source,
            since=since,
            until=until,
            sort=sort,
            limit=limit,
            offset=offset,
        )

    @app.get("/articles/{article_id:path}", tags=["articles"])
    def article(
        article_id: Annotated[str, Path(min_length=1, max_length=300)],
        store: StoreDep,
    ) -> dict[str, Any]:
        """One article's full record: text, actors, events, quotes, places, errors."""
        record = Q.get_article(store, article_id)
        if record is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        return {"ok": True, **record}

    @app.get("/events", tags=["events"])
    def events(
        store: StoreDep,
        actor: Annotated[
            Code | None, Query(description="CAMEO code prefix or country (RUS)")
        ] = None,
        side: Annotated[Side, Query(description="the actor's side: source, target or any")] = "any",
        partner: Annotated[Code | None, Query(description="the other side of a dyad")] = None,
        cameo: Annotated[str | None, Query(pattern=r"^[0-9]{1,4}$")] = None,
        root: Annotated[str | None, Query(pattern=r"^[0-9]{1,2}$")] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        modality: Modality | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        q: Annotated[
            Text | None, Query(description="words in the sentence or the actors' text")
        ] = None,
        article_id: ArticleId | None = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        sort: EventSort = "-date",
        limit: Limit = DEFAULT_PAGE_SIZE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events with filters, sorted and paged; each item is the output contract's event."""
        _check_page(settings, limit)
        filters = Q.EventFilter(
            actor=actor,
            side=side,
            partner=partner,
            cameo=cameo,
            root=root,
            quad_class=quad_class,
            modality=modality,
            since=since,
            until=until,
            q=q,
            article_id=article_id,
            min_confidence=min_confidence,
        )
        return Q.list_events(store, filters, sort=sort, limit=limit, offset=offset)

    @app.get("/events/locations", tags=["events"])
    def event_locations(
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    ) -> dict[str, Any]:
        """Events with a located place (latitude and longitude), for a map."""
        return {"ok": True, "items": Q.event_locations(store, limit=limit)}

    @app.get("/quotes", tags=["quotes"])
    def quotes(
        store: StoreDep,
        speaker: Annotated[Text | None, Query(description="speaker's code prefix or name")] = None,
        kind: QuoteKind | None = None,
        q: Text | None = None,
        article_id: ArticleId | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: Limit = DEFAULT_PAGE_SIZE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes with their speakers, newest article first."""
        _check_page(settings, limit)
        return Q.list_quotes(
            store,
            speaker=speaker,
            kind=kind,
            q=q,
            article_id=article_id,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )

    @app.get("/actors", tags=["actors"])
    def actors(
        store: StoreDep,
        q: Annotated[Text | None, Query(description="code prefix or name")] = None,
        sort: ActorSort = "-mentions",
        limit: Limit = DEFAULT_PAGE_SIZE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Coded actors with their mentions and events as source and as target."""
        _check_page(settings, limit)
        return Q.list_actors(store, q=q, sort=sort, limit=limit, offset=offset)

    @app.get("/actors/{actor}", tags=["actors"])
    def actor(
        actor: Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")],
        store: StoreDep,
    ) -> dict[str, Any]:
        """One actor (code prefix or country): events by root as source and target, partners."""
        profile = Q.actor_profile(store, actor)
        found = profile["mentions"] + profile["events_as_source"] + profile["events_as_target"]
        if not found:
            raise ApiError(404, f"no actor matching {actor.upper()!r}")
        return profile

    @app.get("/dyads", tags=["analysis"])
    def dyads(
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        since: dt.date | None = None,
    ) -> dict[str, Any]:
        """The most active undirected dyads (country level where the actors have a country)."""
        return {"ok": True, "items": Q.top_dyads(store, limit=limit, since=since)}

    @app.get("/dyads/{a}/{b}/timeline", tags=["analysis"])
    def dyad_timeline(
        a: Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")],
        b: Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")],
        store: StoreDep,
        provider: ProviderDep,
        freq: Period = "week",
        count: Literal["clusters", "reports"] = "reports",
        directed: bool = False,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> dict[str, Any]:
        """Events per period between two actors, Goldstein, conflict share, tension and alerts."""
        from eventwire.analysis.timeline import dyad_timeline as build

        if since and until and since > until:
            raise ApiError(422, "since is after until")
        note = None
        if count == "clusters" and store.clusters_stale():
            if provider.writable:
                with provider.write_lock:
                    provider.writer().update_clusters()
            else:
                count = "reports"
                note = "event clusters are out of date on this read-only server: counting reports"
        timeline = build(
            store,
            a.upper(),
            b.upper(),
            freq=freq,
            count=count,
            directed=directed,
            since=since,
            until=until,
        )
        out = {"ok": True, **timeline.to_dict()}
        out["alerts"] = [p.to_dict() for p in timeline.alerts]
        out["note"] = note
        return out

    @app.post("/code", tags=["coding"])
    def code(body: CodeRequest) -> dict[str, Any]:
        """Code a text and return its record (the output contract). Nothing is stored."""
        fields = {k: v for k, v in (("title", body.title), ("id", body.id)) if v}
        pipeline = get_pipeline()
        with coding_lock:
            document = pipeline.code(
                body.text, date=body.date.isoformat() if body.date else None, **fields
            )
        return {"ok": True, **document.to_dict()}

    @app.post(
        "/ingest",
        tags=["coding"],
        dependencies=[Depends(require_writer)],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/plain": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def ingest(request: Request) -> dict[str, Any]:
        """Code and store JSONL articles (one object per line, ``text`` required).

        Only on a server started with ``--allow-writes``, and with ``Authorization: Bearer
        $EVENTWIRE_TOKEN``. Lines that fail are reported; the others are stored.
        """
        from starlette.concurrency import run_in_threadpool

        body = await request.body()
        if not body.strip():
            raise ApiError(400, "empty body: send one JSON article per line")
        return await run_in_threadpool(_ingest_lines, body)

    def _ingest_lines(body: bytes) -> dict[str, Any]:
        from eventwire.ingest.readers import read_jsonl_stream
        from eventwire.store.ingest import ingest as run_ingest

        provider = provider_dep()
        items = list(read_jsonl_stream(body.splitlines(), "request"))
        problems = [item.to_dict() for item in items if not hasattr(item, "text")]
        pipeline = get_pipeline()
        with provider.write_lock, coding_lock:
            result = run_ingest(items, provider.writer(), pipeline, inputs=["api:/ingest"])
        return {"ok": True, **result.to_dict(), "problem_lines": problems}

    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("eventwire")
    except Exception:
        return "0"
