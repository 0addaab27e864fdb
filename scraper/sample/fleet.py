"""Many generated portals served at once, with a registry naming them: `crawl --all` at scale.

    with serve_fleet(folder, portals=40, articles=40, crawl_delay=1) as fleet:
        run("portal-archive crawl --all --registry", fleet.registry, ...)
        fleet.expected_paths()  # what a complete crawl archives

Each portal is its own server (its own port, so its own host for politeness) on 127.0.0.1.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from scraper.sample.generate import generate_portal
from scraper.sample.server import PortalServer, serve_portal

__all__ = ["Fleet", "serve_fleet"]


@dataclass
class Fleet:
    """The served portals (by registry name) and the registry file naming them."""

    registry: str
    servers: dict[str, PortalServer] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)

    def expected_paths(self) -> dict[str, set[str]]:
        """Per portal, the paths of the articles a complete crawl archives."""
        out = {}
        for name, folder in self.folders.items():
            expected = os.path.join(folder, "expected")
            paths = set()
            for file in os.listdir(expected):
                with open(os.path.join(expected, file), encoding="utf-8") as f:
                    paths.add(json.load(f)["path"])
            out[name] = paths
        return out


def _generate(folder: str, *, articles: int, crawl_delay: float | None, seed: int) -> None:
    if not os.path.exists(os.path.join(folder, "manifest.json")):
        generate_portal(folder, articles, seed=seed, crawl_delay=crawl_delay, broken_links=False)


@contextlib.contextmanager
def serve_fleet(folder: str, *, portals: int, articles: int, crawl_delay: float | None = None) -> Iterator[Fleet]:
    """Generate (once: kept in `folder`) and serve `portals` portals of `articles` articles each."""
    fleet = Fleet(registry=os.path.join(folder, "sites.toml"))
    with contextlib.ExitStack() as stack:
        lines = []
        for n in range(portals):
            name = f"portal{n:03d}"
            portal_dir = os.path.join(folder, name)
            _generate(portal_dir, articles=articles, crawl_delay=crawl_delay, seed=n)
            server = stack.enter_context(serve_portal(portal_dir))
            fleet.servers[name], fleet.folders[name] = server, portal_dir
            lines += ["[[site]]", f'name = "{name}"', 'province = "Phú Thọ"',
                      f"start_urls = {json.dumps(server.start_urls())}",
                      f'family = "{server.manifest["family"]}"', ""]
        with open(fleet.registry, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        yield fleet
