"""The search page's parameters: read from the query string, checked, and turned back into links."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from archive.web.i18n import Message

__all__ = ["SearchParams", "PER_PAGE", "EXPORT_DEFAULT", "EXPORT_MAX"]

PER_PAGE = 20
EXPORT_DEFAULT = 1000   # rows in /search.json and /search.csv unless ?limit= says otherwise
EXPORT_MAX = 10_000     # the same ceiling as `portal-archive search --limit`
SORTS = ("relevance", "date", "views")
_FILTERS = ("site", "province", "category", "since", "until")


def _day(text: str | None, name: str, errors: list[str]) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        errors.append(Message("search.bad_day", name=name, text=repr(text)))
        return None


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(text))) if text else default
    except ValueError:
        return default


@dataclass(slots=True)
class SearchParams:
    q: str = ""
    site: str | None = None
    province: str | None = None
    category: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    errors: list[str] = field(default_factory=list)
    # Hosts of the portals in `province` (from the site registry); set by the page, not the URL.
    province_hosts: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, args, *, for_export: bool = False) -> "SearchParams":
        """From Datasette's `request.args` (or any mapping with .get)."""
        errors: list[str] = []
        q = (args.get("q") or "").strip()
        sort = args.get("sort") or ("relevance" if q else "date")
        if sort not in SORTS:
            errors.append(Message("search.bad_sort", choices=", ".join(SORTS)))
            sort = "relevance"
        if sort == "relevance" and not q:
            sort = "date"  # nothing to rank by without words: newest first
        per_page = (_int(args.get("limit"), EXPORT_DEFAULT, 1, EXPORT_MAX) if for_export
                    else _int(args.get("per_page"), PER_PAGE, 1, 100))
        params = cls(q=q, site=args.get("site") or None, province=args.get("province") or None,
                     category=args.get("category") or None,
                     since=_day(args.get("since"), "since", errors), until=_day(args.get("until"), "until", errors),
                     sort=sort, page=1 if for_export else _int(args.get("page"), 1, 1, 500),
                     per_page=per_page, errors=errors)
        if params.since and params.until and params.since > params.until:
            errors.append(Message("search.dates_swapped"))
        return params

    @property
    def active(self) -> bool:
        """True when there is something to show (words or at least one filter)."""
        return bool(self.q or any(getattr(self, f) for f in _FILTERS))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def since_date(self) -> date | None:
        return date.fromisoformat(self.since) if self.since else None

    def until_date(self) -> date | None:
        return date.fromisoformat(self.until) if self.until else None

    def as_dict(self) -> dict:
        out = asdict(self)
        out.pop("errors")
        out.pop("province_hosts")
        return {k: v for k, v in out.items() if v not in (None, "")}

    def query_string(self, **changes) -> str:
        """The query string for these parameters with `changes` applied (None removes a filter)."""
        changed = replace(self, **changes) if changes else self
        pairs = [("q", changed.q)] if changed.q else []
        pairs += [(f, getattr(changed, f)) for f in _FILTERS if getattr(changed, f)]
        if changed.sort != ("relevance" if changed.q else "date"):
            pairs.append(("sort", changed.sort))
        if changed.page > 1:
            pairs.append(("page", str(changed.page)))
        return urlencode(pairs)

    def url(self, path: str = "/search", **changes) -> str:
        qs = self.query_string(**changes)
        return f"{path}?{qs}" if qs else path
