"""Portal names and provinces from the site registry, joined to the archive's hosts for display.

The registry is loaded by the command line (`portal_archive.serve`, the composition root) and
handed over as plain data: {host: {"name", "title", "province"}}.
"""
from __future__ import annotations

__all__ = ["named_sites", "province_hosts", "provinces", "host_of"]


def named_sites(sites: list[dict], portals: dict[str, dict]) -> list[dict]:
    """Copies of `sites` rows ({"host", ...}) with the registry's title and province added."""
    out = []
    for site in sites:
        entry = portals.get(site["host"], {})
        out.append({**site, "name": entry.get("title") or site.get("name"),
                    "province": entry.get("province") or site.get("province")})
    return out


def province_hosts(portals: dict[str, dict], province: str | None) -> tuple[str, ...]:
    if not province:
        return ()
    return tuple(sorted(h for h, p in portals.items() if p.get("province") == province))


def provinces(sites: list[dict]) -> list[str]:
    return sorted({s["province"] for s in sites if s.get("province")})


def host_of(portals: dict[str, dict], name: str) -> str | None:
    """The first host registered for the portal called `name` (health rows name portals)."""
    return next((h for h, p in sorted(portals.items()) if p.get("name") == name), None)
