"""The Datasette plugin: our pages as routes, and the SQL functions canned queries use."""
from __future__ import annotations

from datasette import hookimpl

from archive.fold import fold
from archive.web import views

__all__ = ["register_routes", "prepare_connection", "menu_links"]


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
