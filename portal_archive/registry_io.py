"""The `--registry` option and reading the registry with one-line errors (sites, coverage, discover)."""
from __future__ import annotations

import click

from portal_archive.common import registry_sites

__all__ = ["registry_option", "read_units", "in_provinces", "unit_records"]

registry_option = click.option(
    "--registry", type=click.Path(dir_okay=False, exists=True), default=None,
    help="Site registry file [default: the shipped one, or $PORTAL_ARCHIVE_REGISTRY].")


def read_units(registry: str | None) -> list:
    """Every unit of the registry (`scraper.registry.Site`s, crawlable or not), or a one-line error."""
    return registry_sites(registry, every_unit=True)


def in_provinces(units: list, provinces: tuple[str, ...]) -> list:
    """The units of these provinces (accents and the Tỉnh/Thành phố word optional); all when none given."""
    if not provinces:
        return units
    from archive.fold import fold

    def key(text: str) -> str:
        text = fold(text).strip()
        for word in ("tinh ", "thanh pho "):
            text = text.removeprefix(word)
        return text.replace(" ", "")

    wanted = {key(p) for p in provinces}
    chosen = [u for u in units if key(u.province) in wanted]
    if not chosen:
        raise click.ClickException(f"no unit of {', '.join(provinces)} in the registry "
                                   "(province names as in `portal-archive sites`)")
    return chosen


def unit_records(units: list) -> list[dict]:
    """Plain data for the archive side (coverage, the web UI): each unit with every host it may use."""
    from urllib.parse import urlsplit

    records = []
    for u in units:
        start_hosts = [urlsplit(x).netloc for x in u.start_urls]
        hosts = list(dict.fromkeys(h for h in start_hosts + [c.host for c in u.candidates] + list(u.hosts) if h))
        records.append({"name": u.name, "province": u.province, "unit": u.unit_name or u.title or u.name,
                        "type": u.unit_type, "host": hosts[0] if hosts else "", "hosts": hosts,
                        "known": bool(u.candidates) or bool(start_hosts), "verified": u.host_verified})
    return records
