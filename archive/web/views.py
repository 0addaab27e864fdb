"""Route handlers for our pages: home, search, article, archived media, crawl health.

Each handler reads through Datasette's read-only connection (`Database.execute_fn`), so a
visitor can never change the archive file.
"""
from __future__ import annotations

import csv
import io
import json

from datasette.utils.asgi import NotFound, Response

from archive.web import health_data, searching
from archive.web.article_data import INLINE_TYPES, load_article, media_file
from archive.web.chart import views_chart
from archive.web.citation import citation, day_first
from archive.web.instance import DATABASE_NAME, media_dir_of, portals_of, units_of
from archive.web.portals import host_of, named_sites, province_hosts, provinces
from archive.web.security import DATA_HEADERS, PAGE_HEADERS

__all__ = ["home", "search", "article", "media", "health", "coverage"]


def _database(datasette):
    return datasette.get_database(DATABASE_NAME)


async def _page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    html = await datasette.render_template(template, {**context, "nav_path": request.path}, request=request)
    return Response.html(html, status=status, headers=PAGE_HEADERS)


def _json(body, status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False, indent=2, default=str)
    return Response(text, status=status, content_type="application/json; charset=utf-8", headers=DATA_HEADERS)


async def home(datasette, request) -> Response:
    overview = dict(await _database(datasette).execute_fn(searching.overview))
    overview["sites"] = named_sites(overview["sites"], portals_of(datasette))
    return await _page(datasette, request, "pa_home.html", {"overview": overview})


async def _filters(datasette) -> dict:
    filters = dict(await _database(datasette).execute_fn(searching.filter_choices))
    filters["sites"] = named_sites(filters["sites"], portals_of(datasette))
    filters["provinces"] = provinces(filters["sites"])
    return filters


async def search(datasette, request) -> Response:
    fmt = request.url_vars.get("format")
    params = searching.SearchParams.from_args(request.args, for_export=fmt is not None)
    portals = portals_of(datasette)
    params.province_hosts = province_hosts(portals, params.province)
    result = await _database(datasette).execute_fn(
        lambda conn: searching.run_search(conn, params, facets=fmt is None))
    for hit in result.hits:
        hit["site_name"] = portals.get(hit["site"], {}).get("title")
    for facet in result.facets:
        if facet["name"] == "site":
            for value in facet["values"]:
                value["display"] = portals.get(value["label"], {}).get("title")
    if fmt == "json":
        body = {"query": params.as_dict(), "total": result.total, "error": result.error,
                "hits": [searching.export_row(h) for h in result.hits]}
        return _json(body, status=400 if result.error else 200)
    if fmt == "csv":
        if result.error:
            return Response.text(result.error + "\n", status=400, headers=DATA_HEADERS)
        return _csv([searching.export_row(h) for h in result.hits], searching.EXPORT_COLUMNS)
    context = {"params": params, "result": result,
               "filters": await _filters(datasette),
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
    entry = portals_of(datasette).get(found["site"], {})
    found["portal_name"], found["province"] = entry.get("title"), entry.get("province")
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


async def media(datasette, request) -> Response:
    """An image or attachment the crawl kept, by content address, from the archive's media folder."""
    sha256 = request.url_vars["sha256"]
    media_dir = media_dir_of(datasette)
    found = await _database(datasette).execute_fn(lambda conn: media_file(conn, media_dir, sha256))
    if found is None:
        raise NotFound("No archived copy with this content address")
    path, content_type = found
    with open(path, "rb") as f:
        body = f.read()
    # Archived files are served inert: images inline, anything else only as a download.
    headers = {**DATA_HEADERS, "Content-Security-Policy": "default-src 'none'; sandbox",
               "Cache-Control": "max-age=31536000, immutable"}
    if content_type not in INLINE_TYPES:
        headers["Content-Disposition"] = f'attachment; filename="{sha256}"'
        content_type = "application/octet-stream"
    return Response(body, content_type=content_type, headers=headers)


async def health(datasette, request) -> Response:
    report = await _database(datasette).execute_fn(health_data.load_health)
    portals = portals_of(datasette)
    for row in (report.get("report") or {}).get("results", []):
        row["host"] = host_of(portals, row["portal"])
    if request.url_vars.get("format") == "json":
        return _json(report)
    return await _page(datasette, request, "pa_health.html", {"report": report})


async def coverage(datasette, request) -> Response:
    """Rescue progress: provinces at /coverage, a province's units at /coverage/<province>."""
    from urllib.parse import unquote

    from archive.coverage import coverage_rows, province_totals

    province = unquote(request.url_vars.get("province") or "")
    units = units_of(datasette)
    if province:
        units = [u for u in units if u["province"] == province]
        if not units:
            raise NotFound(f"No province {province!r} in the registry")
    rows = await _database(datasette).execute_fn(lambda conn: coverage_rows(conn, units))
    totals = province_totals(rows)
    if request.url_vars.get("format") == "json":
        return _json({"province": province or None, "totals": totals, "units": rows if province else None})
    return await _page(datasette, request, "pa_coverage.html",
                       {"province": province, "rows": rows, "totals": totals})
