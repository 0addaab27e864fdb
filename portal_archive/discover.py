"""`portal-archive discover PROVINCE_DOMAIN...`: district portal hosts from web archives' capture indexes."""
from __future__ import annotations

import re

import click

from portal_archive.cdx_options import cdx_client_options, cdx_options, report_client
from portal_archive.crawl_config import config_option, operator_user_agent
from portal_archive.registry_io import in_provinces, read_units, registry_option
from portal_archive.rows_out import emit_rows, format_option

__all__ = ["command"]

_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
COLUMNS = ["province", "name", "host", "evidence", "first", "last", "captures", "verified", "moved_to"]


def _domain(text: str) -> str:
    domain = text.strip().lower().split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    if not _DOMAIN.match(domain):
        raise click.BadParameter(f"{text!r} is not a domain such as phutho.gov.vn", param_hint="PROVINCE_DOMAIN")
    return domain


def _sources(cdx_urls: tuple[str, ...], crawls: tuple[str, ...]) -> list[str]:
    from scraper.cdx import DEFAULT_CDX_URL

    urls = list(cdx_urls) or ([] if crawls else [DEFAULT_CDX_URL])
    urls += [f"https://index.commoncrawl.org/{c.strip()}-index" for c in crawls]
    for url in urls:
        if not re.match(r"^https?://[^/\s]+", url):
            raise click.BadParameter(f"{url!r} is not an http(s) address", param_hint="--cdx-url")
    return urls


@click.command("discover")
@click.argument("domains", nargs=-1, required=True, metavar="PROVINCE_DOMAIN...")
@click.option("--cdx-url", "cdx_urls", multiple=True, metavar="URL",
              help="CDX API to ask (repeatable) [default: the Wayback Machine's; pywb: http://HOST/COLLECTION/cdx].")
@click.option("--common-crawl", "crawls", multiple=True, metavar="CRAWL",
              help="Also ask Common Crawl's index of this crawl, e.g. CC-MAIN-2024-10 (repeatable; hosts only).")
@click.option("--replay-url", default=None, help="Where captures are replayed [default: derived from --cdx-url].")
@click.option("--province", default=None,
              help="The province whose units to match [default: the one the domain belongs to].")
@click.option("--verify", is_flag=True, help="Ask each candidate host live: DNS, HTTP, redirect target, title.")
@click.option("--capture-rate", type=click.FloatRange(0, 600), default=60.0, show_default=True,
              help="Capture fetches (home page titles) a minute, paced apart from CDX queries.")
@click.option("--max-titles", type=click.IntRange(0, 10_000), default=100, show_default=True,
              help="Home page titles fetched per domain and source at most.")
@cdx_options
@registry_option
@click.option("--out", type=click.Path(dir_okay=False), default="discovered-sites.toml", show_default=True,
              help="Registry file to write: the registry read, with the candidates found added.")
@format_option
@config_option
def command(domains: tuple[str, ...], cdx_urls: tuple[str, ...], crawls: tuple[str, ...], replay_url: str | None,
            province: str | None, verify: bool, capture_rate: float, max_titles: int, registry: str | None,
            out: str, fmt: str, config_path: str | None, **cdx) -> None:
    """Find district portal hosts under province domains in web archives' capture indexes.

    Asks each CDX index for every URL captured under PROVINCE_DOMAIN (matchType=domain,
    collapsed by URL key, page by page, paced: --cdx-rate), gathers the hosts and matches
    them to the province's units: by name (yenlap., quan1., tpthuduc., a www. prefix) or by
    the title of the host's captured home page (fetched raw, paced: --capture-rate). Commune
    sites, mail and other hosts naming no unit are left out. Candidates are written with
    their evidence (first/last capture, captures, title) into --out, a registry file for
    `sites --registry`, `coverage --registry` and `crawl --all --registry`. --verify asks
    each candidate live; a host that redirects elsewhere is recorded as moved, with where to.
    Every request carries the crawl's User-Agent with the operator's contact (portal-archive.toml
    in the current directory, or --config).

    Example: portal-archive discover phutho.gov.vn vinhphuc.gov.vn --verify --out sites.toml
    """
    from scraper.cdx import ArchiveBlocked, ArchiveError
    from scraper.discover import gather_hosts, match_hosts, verify_host
    from scraper.registry.evidence import merge_candidates
    from scraper.registry.generate import province_domains
    from scraper.registry.toml_out import write_registry
    from scraper.wayback import WaybackClient

    wanted = [_domain(d) for d in domains]
    sources = _sources(cdx_urls, crawls)
    if province and len(wanted) > 1:
        raise click.UsageError("--province goes with one PROVINCE_DOMAIN")
    if replay_url and len(sources) > 1:
        raise click.UsageError("--replay-url goes with one --cdx-url")
    from archive.store import default_db_path

    agent = operator_user_agent(default_db_path(), config_path)
    units = read_units(registry)
    by_domain = {d: p for p, d in province_domains().items()}
    plan = []
    for domain in wanted:
        name = province or by_domain.get(domain)
        if not name:
            raise click.ClickException(f"{domain} is no province's usual domain: say which with --province NAME")
        plan.append((domain, in_provinces(units, (name,))))

    found: dict[str, list] = {}  # unit name -> candidates
    rows, failures = [], []
    for domain, province_units in plan:
        for source in sources:
            client = WaybackClient(source, replay_url=replay_url, delay=60.0 / capture_rate if capture_rate else 0,
                                   user_agent=agent, **cdx_client_options(cdx))
            replay = None if "commoncrawl" in source else client.replay_url
            try:
                hosts = gather_hosts(client.query([("url", domain), ("matchType", "domain"),
                                                   ("collapse", "urlkey")]), domain)
                matches = match_hosts(hosts, domain, province_units, client=client, replay_url=replay,
                                      max_titles=max_titles)
            except ArchiveError as exc:
                failures.append(f"{domain} from {source}: {exc}")
                if isinstance(exc, ArchiveBlocked):
                    break
                continue
            finally:
                report_client(client)
            failures += [f"{domain} from {source}: {w}" for w in client.warnings]
            click.echo(f"{domain} ({source}): {sum(h.captures for h in hosts.values()):,} captures of {len(hosts)} hosts in "
                       f"{client.cdx_requests} CDX requests, {len(matches)} matched to units", err=True)
            for unit, candidate in matches:
                found.setdefault(unit.name, []).append(candidate)
    if verify:
        for unit in units:
            for candidate in list(found.get(unit.name, [])):
                found[unit.name].append(verify_host(candidate.host, unit, user_agent=agent))
    merged = [merge_candidates(u, found[u.name]) if u.name in found else u for u in units]
    write_registry(out, merged, f"A registry written by `portal-archive discover {' '.join(wanted)}`.")
    for unit in merged:
        if unit.name not in found:
            continue
        hosts_found = {c.host for c in found[unit.name]}
        for c in unit.candidates:
            if c.host in hosts_found:
                cdx_items = [e for e in c.evidence if e.get("kind") == "cdx"]
                rows.append({"province": unit.province, "name": unit.name, "host": c.host,
                             "evidence": sorted(c.kinds()), "first": min((e["first"] for e in cdx_items), default=""),
                             "last": max((e["last"] for e in cdx_items), default=""),
                             "captures": sum(e.get("captures", 0) for e in cdx_items), "verified": c.verified,
                             "moved_to": c.moved_to, "evidence_items": c.evidence})
    emit_rows(rows, COLUMNS, fmt)
    click.echo(f"{len(rows)} candidate hosts for {len(found)} units written to {out}", err=True)
    if failures:
        raise click.ClickException("; ".join(failures))
