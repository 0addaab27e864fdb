"""The researchers' web interface: Datasette over the archive, read-only, with our own pages.

`make_datasette(path)` builds the app; `portal-archive serve` runs it. Our pages (home, search,
article, health) are registered as a Datasette plugin (`archive.web.plugin`), which is also the
package's `datasette` entry point; Datasette itself still serves every table with its JSON and
CSV under `/archive`.
"""
from __future__ import annotations

__all__ = ["make_datasette", "ArchiveNotUsable", "DATABASE_NAME"]


def __getattr__(name: str):
    # Loaded on use: Datasette imports the plugin (this package's child) while datasette.app is
    # itself still importing, so this package must not import datasette.app when it loads.
    if name in __all__:
        from archive.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'archive.web' has no attribute {name!r}")
