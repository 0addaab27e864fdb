"""Response headers that keep archived pages inert in the browser.

Article text is always escaped by the templates; the Content-Security-Policy is the second wall:
even if markup slipped through, no script, frame, object or form to another site could run.
Images may come from the original portals (any host), so only `img-src` is open.
"""
from __future__ import annotations

__all__ = ["PAGE_HEADERS", "DATA_HEADERS"]

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; "
                           "img-src * data:; style-src 'self'; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'")

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

DATA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
}
