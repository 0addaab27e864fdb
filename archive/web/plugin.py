"""The Datasette plugin: our pages as routes, and the SQL functions canned queries use."""
from __future__ import annotations

from urllib.parse import urlsplit

from datasette import hookimpl

from archive.fold import fold
from archive.web import views
from archive.web.citation import vietnam_time

__all__ = ["register_routes", "prepare_connection", "prepare_jinja2_environment", "asgi_wrapper", "menu_links",
           "safe_link"]

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def register_routes(datasette) -> list:
    return [
        (r"^/$", views.home),
        (r"^/search(\.(?P<format>json|csv))?$", views.search),
        (r"^/article/(?P<article_id>[0-9]+)(\.(?P<format>json))?$", views.article),
        (r"^/media/(?P<sha256>[0-9a-f]{64})$", views.media),
        (r"^/health(\.(?P<format>json))?$", views.health),
    ]


@hookimpl
def prepare_connection(conn, database, datasette) -> None:
    # Lets canned queries and the SQL box fold a query exactly as the index was folded.
    conn.create_function("fold", 1, fold, deterministic=True)


@hookimpl
def menu_links(datasette, actor, request) -> list[dict]:
    return [{"href": "/search", "label": "Search the archive"},
            {"href": "/health", "label": "Crawl health"}]


@hookimpl
def prepare_jinja2_environment(env, datasette) -> None:
    env.filters["pa_link"] = safe_link
    env.filters["pa_when"] = vietnam_time


def safe_link(url: str | None) -> str:
    """Only web addresses become links or image sources (never javascript:, data:, file:...)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return "about:blank"


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every method that could ask for a change: the interface is read-only by design."""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in _READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"This archive is read-only.\n"})
                return
            await app(scope, receive, send)
        return read_only
    return wrap
