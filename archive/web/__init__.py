"""The researchers' web interface: Datasette over the archive, read-only, with our own pages.

`make_datasette(path)` builds the app; `portal-archive serve` runs it. Our pages (home, search,
article, health) are registered as a Datasette plugin (`archive.web.plugin`); Datasette itself
still serves every table with its JSON and CSV under `/archive`.
"""
from __future__ import annotations

from archive.web.app import DATABASE_NAME, ArchiveNotUsable, make_datasette

__all__ = ["make_datasette", "ArchiveNotUsable", "DATABASE_NAME"]
