"""Error pages (a missing article, table or page, a bad SQL query) in the reader's language.

Datasette renders its error page without the plugins' template variables, so it could only be
English and unstyled; every error of an HTML page is rendered here instead, with the same layout
and words as every other page (a server error's traceback still goes to the log). JSON addresses
keep Datasette's own JSON errors.
"""
from __future__ import annotations

import traceback

from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from archive.web import i18n
from archive.web.security import PAGE_HEADERS

__all__ = ["error_page"]


def _described(exception: Exception) -> tuple[int, object, str | None]:
    """(status, message, title) for the page."""
    if isinstance(exception, Base400):
        return exception.status, exception.args[0] if exception.args else "", None
    if isinstance(exception, DatasetteError):  # its message is for people, whatever the status
        message = Markup(exception.message) if exception.message_is_html else exception.message
        return exception.status, message, exception.title
    traceback.print_exception(exception)  # a server error: the log needs its traceback
    return 500, i18n.Message("error.server"), None


def error_page(datasette, request, exception: Exception):
    """The error page's renderer for an HTML address, None for a JSON one."""
    if request is None or request.path.endswith(".json"):
        return None
    status, message, title = _described(exception)
    if isinstance(message, str) and message.strip() == str(status):  # the router's bare "404"
        message = i18n.Message("error.not_found")

    async def render() -> Response:
        html = await datasette.render_template("error.html", {"status": status, "error": message, "title": title},
                                               request=request)
        return Response.html(html, status=status, headers=PAGE_HEADERS)

    return render
