"""Writing a registry back out as TOML (the shape `scraper.registry` reads).

The standard library reads TOML but does not write it; the registry's shape is small (strings,
booleans, numbers, string lists, arrays of tables, one-line inline tables), so it is written
here. JSON string escapes are a subset of TOML's basic-string escapes.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from scraper.registry import HostCandidate, Site

_BARE = re.compile(r"[A-Za-z0-9_-]+")

__all__ = ["dump_registry", "write_registry", "toml_value", "toml_key"]


def toml_key(key) -> str:
    """A key as TOML writes it: bare where it may be (letters, digits, _ and -), else quoted."""
    key = str(key)
    return key if _BARE.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def toml_value(value) -> str:
    """A value (string, boolean, number, list, inline table) as TOML; None entries of a table left out."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items() if v is not None) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _site_lines(site: Site) -> list[str]:
    fields = [("name", site.name), ("code", site.code), ("province", site.province),
              ("province_code", site.province_code), ("type", site.unit_type), ("unit", site.unit_name),
              ("title", site.title), ("merged_into", site.merged_into), ("guess", site.guess),
              ("start_urls", list(site.start_urls)), ("family", site.family), ("hosts", list(site.hosts)),
              ("verified", site.verified), ("note", site.note)]
    lines = ["[[site]]"]
    for key, value in fields:
        if value in ("", [], None) and key not in ("start_urls",):
            continue
        lines.append(f"{key} = {toml_value(value)}")
    for candidate in site.candidates:
        lines += _candidate_lines(candidate)
    return lines


def _candidate_lines(candidate: HostCandidate) -> list[str]:
    lines = ["", "[[site.candidate]]", f"host = {toml_value(candidate.host)}", f"verified = {toml_value(candidate.verified)}"]
    if candidate.moved_to:
        lines.append(f"moved_to = {toml_value(candidate.moved_to)}")
    lines.append("evidence = [")
    lines += [f"  {toml_value(e)}," for e in candidate.evidence]
    lines.append("]")
    return lines


def dump_registry(sites: list[Site], header: str = "") -> str:
    out = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    for site in sites:
        out += [""] + _site_lines(site)
    return "\n".join(out).lstrip("\n") + "\n"


def write_registry(path: str | Path, sites: list[Site], header: str = "") -> None:
    """Write atomically: a registry half written would stop every crawl by name."""
    path = Path(path)
    text = dump_registry(sites, header)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
