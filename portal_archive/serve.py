"""`portal-archive serve`: the read-only web interface for researchers (Datasette + our pages)."""
from __future__ import annotations

import os
import socket

import click

from portal_archive.common import db_option, registry_portals

__all__ = ["command"]


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to share on the network).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the URL is printed).")
@click.option("--media-dir", type=click.Path(file_okay=False), default=None,
              help="Folder of archived images/attachments [default: $PORTAL_ARCHIVE_MEDIA_DIR or DB.media].")
@click.option("--registry", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Site registry TOML for portal titles and provinces [default: $PORTAL_ARCHIVE_REGISTRY or the built-in].")
@click.option("--immutable", is_flag=True,
              help="Treat the file as frozen (faster counts); do not use while a crawl writes to it.")
def command(db_path: str, host: str, port: int, media_dir: str | None, registry: str | None,
            immutable: bool) -> None:
    """Browse, search and cite the archive in a web browser (read-only).

    Search at /search, articles at /article/ID, crawl health at /health, every table
    and its JSON/CSV through Datasette at /archive.

    Example: portal-archive serve --db archive.db --port 8001
    """
    import uvicorn

    from archive.web import ArchiveNotUsable, make_datasette

    if not os.path.isfile(db_path):
        raise click.ClickException(f"no archive at {db_path} (crawl into it first, or give --db PATH)")
    try:
        datasette = make_datasette(db_path, immutable=immutable, media_dir=media_dir, portals=registry_portals(registry),
                                   units=_units(registry))
    except ArchiveNotUsable as exc:
        raise click.ClickException(str(exc)) from None
    try:
        sock = socket.create_server((host, port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {db_path} read-only at http://{shown_host}:{bound_port}/  (Ctrl-C to stop)", err=False)
    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on", workers=1)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _units(registry: str | None) -> list[dict]:
    """Every district unit with its hosts, for /coverage."""
    from portal_archive.registry_io import read_units, unit_records

    return unit_records(read_units(registry))
