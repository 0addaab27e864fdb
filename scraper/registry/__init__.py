"""The site registry: portals known by name, as data (`sites.toml`).

`PORTAL_ARCHIVE_REGISTRY` may name another TOML file of the same shape (tests, private lists).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["Site", "find_site", "load_sites", "registry_path"]

# importlib.resources, not __file__: the registry must also load from a zipped egg (scrapyd).
_DEFAULT = resources.files(__package__) / "sites.toml"


@dataclass(slots=True, frozen=True)
class Site:
    name: str
    start_urls: tuple[str, ...]
    title: str = ""
    province: str = ""
    family: str = "auto"
    hosts: tuple[str, ...] = ()
    verified: bool = False
    note: str = ""

    @property
    def family_or_none(self) -> str | None:
        """The family to hand to extraction: None means recognise it from the pages."""
        return None if self.family in ("", "auto") else self.family


def registry_path() -> Path | Traversable:
    env = os.environ.get("PORTAL_ARCHIVE_REGISTRY")
    return Path(env) if env else _DEFAULT


def load_sites(path: str | Path | None = None) -> list[Site]:
    """Every site of the registry, in file order."""
    with (Path(path) if path else registry_path()).open("rb") as f:
        data = tomllib.load(f)
    sites = []
    for entry in data.get("site", []):
        sites.append(Site(
            name=entry["name"], start_urls=tuple(entry.get("start_urls", [])), title=entry.get("title", ""),
            province=entry.get("province", ""), family=entry.get("family", "auto"),
            hosts=tuple(entry.get("hosts", [])), verified=bool(entry.get("verified", False)), note=entry.get("note", ""),
        ))
    return sites


def find_site(name: str, path: str | Path | None = None) -> Site | None:
    """The site registered under `name` (case-insensitive), or None."""
    wanted = name.strip().lower()
    return next((s for s in load_sites(path) if s.name.lower() == wanted), None)
