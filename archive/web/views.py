"""Route handlers for our pages: home, search, article, archived media, crawl health.

Each handler reads through Datasette's read-only connection (`Database.execute_fn`), so a
visitor can never change the archive file.
"""
from __future__ import annotations

import asyncio
import io
import json

from datasette.utils.asgi import NotFound, Response

from archive.citation import as_text, cite, meta_tags, source_of
from archive.export import articles_by_id, write_csv
from archive.shown import day_first
from archive.web import health_data, i18n, searching
from archive.web.feed import FEED_SIZE, atom_feed
from archive.web.article_data import INLINE_TYPES, load_article, media_file
from archive.web.chart import views_chart
from archive.web.instance import archive_name, media_dir_of, portals_of, units_of
from archive.web.portals import host_of, named_sites, province_hosts, provinces
from archive.web.security import DATA_HEADERS, PAGE_HEADERS

__all__ = ["home", "search", "article", "media", "health", "coverage", "SEARCH_CSV_EXTRA"]

SEARCH_CSV_EXTRA = ("snippet", "article_page")


def _database(datasette):
    return datasette.get_database(archive_name(datasette))


async def _page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    html = await datasette.render_template(template, context, request=request)
    response = Response.html(html, status=status, headers=PAGE_HEADERS)
    asked = i18n.asked_for(request)
    if asked:  # ?lang= chosen: kept for the next pages too (a year; read by our pages only)
        response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax")
    return response


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
    if fmt == "atom":  # a feed: the newest articles of this search or portal
        params.sort, params.per_page = "date", FEED_SIZE
    portals = portals_of(datasette)
    params.province_hosts = province_hosts(portals, params.province)
    database = _database(datasette)
    searched = database.execute_fn(lambda conn: searching.run_search(conn, params, facets=False))
    if fmt is None:  # the page: its facets counted on another of Datasette's connections meanwhile
        result, facets = await asyncio.gather(searched, database.execute_fn(
            lambda conn: searching.count_facets(conn, params)))
        searching.add_facets(result, facets, params)
    else:
        result = await searched
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
    words = i18n.Translator(i18n.language_of(request))
    if fmt in ("atom", "csv") and (result.error or (fmt == "atom" and not params.active)):
        reasons = [words.plain(e) for e in (params.errors or [result.error])] if result.error else \
            [words.entry("error.feed_needs")]
        return Response.text("; ".join(reasons) + "\n", status=400, headers=DATA_HEADERS)
    if fmt == "atom":
        base = f"{request.scheme}://{request.host}"
        what = " · ".join(p for p in (params.q, portals.get(params.site or "", {}).get("title") or params.site,
                                       params.category) if p)
        title = words.entry("search.feed_title").format(what=what) + " · portal-archive"
        entries = [searching.export_row(h) | {"site_name": h.get("site_name")} for h in result.hits]
        body = atom_feed(base, base + request.full_path, title, words.lang, words.entry("common.untitled"), entries)
        return Response(body, content_type="application/atom+xml; charset=utf-8", headers=DATA_HEADERS)
    if fmt == "csv":
        return await _search_csv(datasette, result.hits)
    context = {"params": params, "result": result, "facet_pool": searching.FACET_POOL,
               "filters": await _filters(datasette),
               "links": searching.page_links(params, result)}
    return await _page(datasette, request, "pa_search.html", context, status=400 if result.error else 200)


async def _search_csv(datasette, hits: list[dict]) -> Response:
    """The hits with the columns of `portal-archive export` (and a BOM, for Excel), then the
    search's own: the snippet with matched words «marked» and the article's page here."""
    ids = [h["id"] for h in hits]
    articles = await _database(datasette).execute_fn(lambda conn: articles_by_id(conn, ids))
    marked = {h["id"]: searching.export_row(h) for h in hits}
    for found in articles:
        found.update({k: marked[found["id"]][k] for k in SEARCH_CSV_EXTRA})
    out = io.StringIO()
    write_csv(articles, out, bom=True, extra=SEARCH_CSV_EXTRA)
    headers = {**DATA_HEADERS, "Content-Disposition": 'inline; filename="search.csv"'}
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8", headers=headers)


# Citation downloads: /article/ID.bib, .ris, .csl.json, .txt (one citation module: archive.citation).
_CITATION_DOWNLOADS = {"bib": ("bibtex", "application/x-bibtex"), "ris": ("ris", "application/x-research-info-systems"),
                       "csl.json": ("csl-json", "application/vnd.citationstyles.csl+json"),
                       "txt": ("text", "text/plain")}


async def article(datasette, request) -> Response:
    article_id = int(request.url_vars["article_id"])
    fmt = request.url_vars.get("format")
    found = await _database(datasette).execute_fn(lambda conn: load_article(conn, article_id))
    if found is None:
        if fmt == "json":
            return _json({"error": f"no article {article_id} in the archive"}, status=404)
        raise NotFound(i18n.Message("error.no_article", id=article_id))
    entry = portals_of(datasette).get(found["site"], {})
    found["portal_name"], found["province"] = entry.get("title"), entry.get("province")
    if fmt == "json":
        return _json(found)
    source = source_of(found, archive_url=f"{request.scheme}://{request.host}/article/{article_id}")
    if fmt in _CITATION_DOWNLOADS:
        style, content_type = _CITATION_DOWNLOADS[fmt]
        text = cite(source, style, i18n.language_of(request)) + ("\n" if style == "text" else "")
        headers = {**DATA_HEADERS, "Content-Disposition": f'inline; filename="article-{article_id}.{fmt}"'}
        return Response(text, content_type=f"{content_type}; charset=utf-8", headers=headers)
    context = {"article": found, "chart": views_chart(found["view_history"]),
               "published": day_first(found.get("published")), "citation": as_text(source, i18n.language_of(request)),
               "citation_tags": meta_tags(source), "paragraphs": _paragraphs(found.get("body"))}
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
        raise NotFound(i18n.Message("error.no_media"))
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
            raise NotFound(i18n.Message("error.no_province", province=province))
    rows = await _database(datasette).execute_fn(lambda conn: coverage_rows(conn, units))
    totals = province_totals(rows)
    if request.url_vars.get("format") == "json":
        return _json({"province": province or None, "totals": totals, "units": rows if province else None})
    return await _page(datasette, request, "pa_coverage.html",
                       {"province": province, "rows": rows, "totals": totals})
