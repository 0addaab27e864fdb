"""The Datasette plugin: our pages as routes, and the SQL functions canned queries use.

`portal-archive serve` registers it; installed, it is also the package's `datasette` entry point,
so plain `datasette archive.db` gets the same pages, metadata, canned queries and folding.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Request, Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from archive.fold import fold
from archive.search import sql_functions
from archive.web import errors, i18n, metadata, views
from archive.web.datasette_words import DatasetteWords, in_reader_language
from archive.shown import day_first, vietnam_time
from archive.web.i18n import vietnamese_number
from archive.web.instance import STATIC_MOUNT, archive_name, archive_names, set_archive_names
from archive.web.security import PAGE_HEADERS

__all__ = ["register_routes", "prepare_connection", "prepare_jinja2_environment", "extra_template_vars",
           "asgi_wrapper", "handle_exception", "startup", "get_metadata", "safe_link", "vietnamese_number"]

_HERE = Path(__file__).resolve().parent

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def register_routes(datasette) -> list:
    return [
        (r"^/$", views.home),
        (r"^/search(\.(?P<format>json|csv|atom))?$", views.search),
        (r"^/article/(?P<article_id>[0-9]+)(\.(?P<format>json|bib|ris|csl\.json|txt))?$", views.article),
        (r"^/media/(?P<sha256>[0-9a-f]{64})$", views.media),
        (r"^/health(\.(?P<format>json))?$", views.health),
        (r"^/coverage(/(?P<province>[^/.]+))?(\.(?P<format>json))?$", views.coverage),
        (rf"^/{STATIC_MOUNT}/web\.css$", _stylesheet),
    ]


async def _stylesheet(datasette, request) -> Response:
    return Response((_HERE / "static" / "web.css").read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@hookimpl
def startup(datasette):
    """Under plain `datasette FILE...`: the archives are the databases with an articles table."""
    async def find_archives():
        if archive_names(datasette) is None:
            set_archive_names(datasette, [name for name, db in datasette.databases.items()
                                          if not db.is_memory and await db.table_exists("articles")])
    return find_archives


@hookimpl
def get_metadata(datasette, key, database, table) -> dict:
    # titles, licence and source, hidden bookkeeping tables and canned queries, per archive
    return metadata.build_metadata(archive_names(datasette) or [])


@hookimpl
def prepare_connection(conn, database, datasette) -> None:
    # Lets canned queries and the SQL box fold a query exactly as the index was folded.
    conn.create_function("fold", 1, fold, deterministic=True)
    for name, (arity, function) in sql_functions().items():  # the canned search (metadata.py)
        conn.create_function(name, arity, function, deterministic=True)
    # fts3_tokenizer('simple') hands any visitor of the SQL box a memory address (and, with a
    # second argument, would install a tokenizer from one): replaced by a function that refuses.
    for arity in (1, 2):
        conn.create_function("fts3_tokenizer", arity, _disabled)


def _disabled(*args) -> None:
    raise ValueError("fts3_tokenizer is disabled on this server")


@hookimpl
def extra_template_vars(request, datasette) -> dict:
    """The reader's language for every page, ours and Datasette's: `_("key")` words it,
    `pa_words(text)` words Datasette's English, `pa_href(url)` keeps it in a link of ours."""
    lang = i18n.language_of(request)
    switch_href, other = i18n.switch_link(request, lang)
    translate = i18n.Translator(lang)
    words = in_reader_language(translate)

    def error_title(status, title=None) -> Markup:
        return words(title) if title else translate("error.title", status=status)

    return {"pa_lang": lang, "_": translate, "pa_href": lambda url: i18n.with_language(url, lang),
            "pa_switch": {"href": switch_href, "lang": other}, "pa_db": archive_name(datasette),
            "pa_words": words, "pa_error_title": error_title,
            "pa_metadata": lambda database, table, query: metadata.worded(lang, database, table, query)}


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    # An HTML page's error is ours alone (errors.py): Datasette's handler, which would render
    # without our template variables, is not run for it.
    outcome = yield
    ours = errors.error_page(datasette, request, exception)
    if ours is not None:
        outcome.force_result([ours])


@hookimpl
def prepare_jinja2_environment(env, datasette) -> None:
    # Our templates, the shared layout (base.html) and error page among them, come after a
    # --template-dir and plugins' templates but before Datasette's own, whose English is worded
    # in the reader's language as they load (datasette_words).
    ours = str(_HERE / "templates")
    searched = getattr(env.loader, "loaders", [None])[0]
    if isinstance(searched, FileSystemLoader) and ours not in searched.searchpath:
        searched.searchpath.insert(max(len(searched.searchpath) - 1, 0), ours)
        env.loader = DatasetteWords(env.loader)
    elif not isinstance(env.loader, DatasetteWords):
        env.loader = DatasetteWords(ChoiceLoader([FileSystemLoader(ours), env.loader]))
    env.filters["pa_link"] = safe_link
    env.filters["pa_when"] = vietnam_time
    env.filters["pa_number"] = vietnamese_number
    env.filters["pa_day"] = day_first


def safe_link(url: str | None) -> str:
    """Only web addresses become links or image sources (never javascript:, data:, file:...)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return "about:blank"


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every method that could ask for a change: the interface is read-only by design.

    Every response, Datasette's own (/archive, /-/...) included, carries the pages' security
    headers (Content-Security-Policy...) unless it set its own. On Datasette's pages `?lang=`
    would be read as a column filter (`lang = 'en'`, no rows): the choice goes into the cookie
    and the reader is sent to the same address without it."""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            send = _with_security_headers(send)
            request = Request(scope, receive)
            if scope["method"] not in _READ_METHODS:
                refusal = i18n.Translator(i18n.language_of(request)).entry("error.read_only")
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": f"{refusal}\n".encode()})
                return
            asked = i18n.asked_for(request)
            if asked and not any(route.match(request.path) for route in _OUR_ROUTES):
                query = urlencode(i18n.args_without_language(request))
                response = Response.redirect(request.path + (f"?{query}" if query else ""), status=302)
                response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax")
                await response.asgi_send(send)
                return
            await app(scope, receive, send)
        return read_only
    return wrap


_OUR_ROUTES = [re.compile(pattern) for pattern, _ in register_routes(None)]


_SECURITY_HEADERS = [(name.lower().encode(), value.encode()) for name, value in PAGE_HEADERS.items()]


def _with_security_headers(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers") or [])
            present = {bytes(name).lower() for name, _ in headers}
            headers += [(name, value) for name, value in _SECURITY_HEADERS if name not in present]
            message = {**message, "headers": headers}
        await send(message)
    return sending
