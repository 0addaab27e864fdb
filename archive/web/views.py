"""Route handlers for our pages: home, search, article, archived image, crawl health.

Each handler reads through Datasette's read-only connection (`Database.execute_fn`), so a
visitor can never change the archive file.
"""
from __future__ import annotations

import csv
import io
import json

from datasette.utils.asgi import NotFound, Response

from archive.web import health_data, searching
from archive.web.article_data import archived_image as load_archived_image
from archive.web.article_data import load_article
from archive.web.chart import views_chart
from archive.web.citation import citation, day_first
from archive.web.security import DATA_HEADERS, PAGE_HEADERS

__all__ = ["home", "search", "article", "archived_image", "health"]


def _database(datasette):
    from archive.web.app import DATABASE_NAME

    return datasette.get_database(DATABASE_NAME)


async def _page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    html = await datasette.render_template(template, {**context, "nav_path": request.path}, request=request)
    return Response.html(html, status=status, headers=PAGE_HEADERS)


def _json(body, status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False, indent=2, default=str)
    return Response(text, status=status, content_type="application/json; charset=utf-8", headers=DATA_HEADERS)


async def home(datasette, request) -> Response:
    overview = await _database(datasette).execute_fn(searching.overview)
    return await _page(datasette, request, "pa_home.html", {"overview": overview})


async def search(datasette, request) -> Response:
    fmt = request.url_vars.get("format")
    params = searching.SearchParams.from_args(request.args, for_export=fmt is not None)
    result = await _database(datasette).execute_fn(lambda conn: searching.run_search(conn, params))
    if fmt == "json":
        body = {"query": params.as_dict(), "total": result.total, "error": result.error,
                "hits": [searching.export_row(h) for h in result.hits]}
        return _json(body, status=400 if result.error else 200)
    if fmt == "csv":
        if result.error:
            return Response.text(result.error + "\n", status=400, headers=DATA_HEADERS)
        return _csv([searching.export_row(h) for h in result.hits], searching.EXPORT_COLUMNS)
    context = {"params": params, "result": result,
               "filters": await _database(datasette).execute_fn(searching.filter_choices),
               "links": searching.page_links(params, result)}
    return await _page(datasette, request, "pa_search.html", context, status=400 if result.error else 200)


def _csv(rows: list[dict], columns: tuple[str, ...]) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    headers = {**DATA_HEADERS, "Content-Disposition": 'inline; filename="search.csv"'}
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8", headers=headers)


async def article(datasette, request) -> Response:
    article_id = int(request.url_vars["article_id"])
    found = await _database(datasette).execute_fn(lambda conn: load_article(conn, article_id))
    if found is None:
        if request.url_vars.get("format") == "json":
            return _json({"error": f"no article {article_id} in the archive"}, status=404)
        raise NotFound(f"No article {article_id} in the archive")
    if request.url_vars.get("format") == "json":
        return _json(found)
    context = {"article": found, "chart": views_chart(found["view_history"]),
               "published": day_first(found.get("published")),
               "citation": citation(found), "paragraphs": _paragraphs(found.get("body"))}
    return await _page(datasette, request, "pa_article.html", context)


def _paragraphs(body: str | None) -> list[str]:
    # Bodies are plain text with blank lines between paragraphs; shown escaped, never as HTML.
    if not body:
        return []
    return [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]


async def archived_image(datasette, request) -> Response:
    article_id = int(request.url_vars["article_id"])
    position = int(request.url_vars["position"])
    found = await _database(datasette).execute_fn(lambda conn: load_archived_image(conn, article_id, position))
    if found is None:
        raise NotFound("No archived copy of this image")
    body, media_type = found
    headers = {**DATA_HEADERS, "Content-Security-Policy": "default-src 'none'", "Cache-Control": "max-age=86400"}
    return Response(body, content_type=media_type, headers=headers)


async def health(datasette, request) -> Response:
    report = await _database(datasette).execute_fn(health_data.load_health)
    if request.url_vars.get("format") == "json":
        return _json(report)
    return await _page(datasette, request, "pa_health.html", {"report": report})
