"""The site registry: every district-level unit, its candidate portal hosts with their evidence.

The shipped `sites.toml` is generated (`python -m scraper.registry.generate`) from the data in
`scraper/registry/data/`: the 696 units of 1 March 2025, the provinces they went into on 1 July
2025, the hosts public sources name, the hosts discovery confirmed, and hand-written entries
(start URLs, families). `PORTAL_ARCHIVE_REGISTRY` or `--registry` may name another TOML file of
the same shape (tests, private lists); a hand-written file needs only `name` and `start_urls`.

A unit is crawlable when it has start URLs: `crawl NAME`, `crawl --all` and `--province` see
those (`load_sites`); `sites` and `coverage` see every unit (`load_units`).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["Site", "HostCandidate", "find_site", "load_sites", "load_units", "registry_path"]

# importlib.resources, not __file__: the registry must also load from a zipped egg (scrapyd).
_DEFAULT = resources.files(__package__) / "sites.toml"


@dataclass(slots=True)
class HostCandidate:
    """A host that may be a unit's portal, and why it is thought to be.

    Evidence items are plain tables with a `kind`: `source` (a public source names it), `cdx`
    (seen in a capture index: `first`, `last`, `captures`), `title` (a captured or live page's
    title names the unit), `live` (what the host answered when asked: `status`, `final_url`)."""

    host: str
    verified: bool = False
    moved_to: str = ""  # the commune/province site it now redirects to
    evidence: list[dict] = field(default_factory=list)

    def kinds(self) -> set[str]:
        return {e.get("kind", "") for e in self.evidence}


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
    code: str = ""  # the statistics office's district code
    province_code: str = ""
    unit_type: str = ""  # Huyện, Quận, Thị xã, Thành phố
    unit_name: str = ""  # the name without its type word
    merged_into: str = ""  # where its duties went on 1 July 2025
    guess: str = ""  # the host the usual pattern gives (a guess until evidence backs it)
    candidates: tuple[HostCandidate, ...] = ()

    @property
    def family_or_none(self) -> str | None:
        """The family to hand to extraction: None means recognise it from the pages."""
        return None if self.family in ("", "auto") else self.family

    @property
    def host_verified(self) -> bool:
        return self.verified or any(c.verified for c in self.candidates)


def registry_path() -> Path | Traversable:
    env = os.environ.get("PORTAL_ARCHIVE_REGISTRY")
    return Path(env) if env else _DEFAULT


def _candidate(entry: dict) -> HostCandidate:
    return HostCandidate(host=entry["host"], verified=bool(entry.get("verified", False)),
                         moved_to=entry.get("moved_to", ""), evidence=[dict(e) for e in entry.get("evidence", [])])


def _site(entry: dict) -> Site:
    return Site(
        name=entry["name"], start_urls=tuple(entry.get("start_urls", [])), title=entry.get("title", ""),
        province=entry.get("province", ""), family=entry.get("family", "auto"),
        hosts=tuple(entry.get("hosts", [])), verified=bool(entry.get("verified", False)), note=entry.get("note", ""),
        code=str(entry.get("code", "")), province_code=str(entry.get("province_code", "")),
        unit_type=entry.get("type", ""), unit_name=entry.get("unit", ""), merged_into=entry.get("merged_into", ""),
        guess=entry.get("guess", ""), candidates=tuple(_candidate(c) for c in entry.get("candidate", [])),
    )


def load_units(path: str | Path | None = None) -> list[Site]:
    """Every entry of the registry (units with or without a known host), in file order."""
    with (Path(path) if path else registry_path()).open("rb") as f:
        data = tomllib.load(f)
    return [_site(entry) for entry in data.get("site", [])]


def load_sites(path: str | Path | None = None) -> list[Site]:
    """The crawlable entries (those with start URLs), in file order."""
    return [s for s in load_units(path) if s.start_urls]


def find_site(name: str, path: str | Path | None = None) -> Site | None:
    """The entry registered under `name` (case-insensitive), or None."""
    wanted = name.strip().lower()
    return next((s for s in load_units(path) if s.name.lower() == wanted), None)
