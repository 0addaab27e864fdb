"""A safe HTML form of the body: no scripts, styles, event attributes or forms; absolute links."""
from __future__ import annotations

import lxml.html
from lxml_html_clean import Cleaner

__all__ = ["sanitize_body_html"]

_CLEANER = Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=True, links=True,
                   meta=True, page_structure=True, processing_instructions=True, embedded=True, frames=True,
                   forms=True, annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=True,
                   add_nofollow=False)
# Lazy-load attributes are not in the cleaner's safe list: fold them into src first.
_LAZY = ("data-src", "data-lazy-src", "data-original")


def sanitize_body_html(roots, base_url: str) -> str | None:
    """Serialise cleaned copies of the content element(s) as one HTML fragment."""
    parts = []
    for root in roots:
        for img in root.iter("img"):
            for attr in _LAZY:
                if img.get(attr):
                    img.set("src", img.get(attr))
                    break
        root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
        try:
            cleaned = _CLEANER.clean_html(root)
        except (ValueError, TypeError):
            continue
        parts.append(lxml.html.tostring(cleaned, encoding="unicode"))
    html = "\n".join(p for p in parts if p.strip())
    return html or None
