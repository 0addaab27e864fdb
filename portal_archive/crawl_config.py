"""The operator's crawl settings: `portal-archive.toml` (beside the archive, or --config) and `-s KEY=VALUE`.

The file names a few settings in words an operator knows and passes any Scrapy setting on as is:

    [crawl]
    contact = "archive@example.org"   # put in the User-Agent of every request
    concurrency = 2                   # requests in flight per portal (default 4)
    delay = 1.5                       # seconds between requests to a portal, at least (robots.txt may ask more)
    timeout = 60                      # seconds before a request is given up (default 30)
    retries = 3                       # retries of a 5xx/timeout (default 2)
    user_agent = "..."                # the whole User-Agent instead (then contact is not used)

    [scrapy]
    AUTOTHROTTLE_MAX_DELAY = 60       # any Scrapy setting

`-s KEY=VALUE` on the command line wins over the file, which wins over the built-in settings.
"""
from __future__ import annotations

import os
import tomllib

import click

__all__ = ["CONFIG_NAME", "find_config", "crawl_settings", "config_option", "set_option", "operator_user_agent"]

CONFIG_NAME = "portal-archive.toml"
_NAMED = {"concurrency": ("CONCURRENT_REQUESTS_PER_DOMAIN", int), "delay": ("DOWNLOAD_DELAY", float),
          "timeout": ("DOWNLOAD_TIMEOUT", float), "retries": ("RETRY_TIMES", int),
          "user_agent": ("USER_AGENT", str), "contact": (None, str)}

config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), default=None,
    help=f"Crawl settings file [default: {CONFIG_NAME} beside the archive, if there].")
set_option = click.option(
    "-s", "--set", "overrides", multiple=True, metavar="KEY=VALUE",
    help="A Scrapy setting for this crawl (repeatable), e.g. -s DOWNLOAD_DELAY=2; wins over the config file.")


def find_config(db_path: str, explicit: str | None) -> str | None:
    """The config file to use: the one given (it must exist), else portal-archive.toml beside the archive."""
    if explicit:
        if not os.path.isfile(explicit):
            raise click.ClickException(f"no config file at {explicit}")
        return explicit
    beside = os.path.join(os.path.dirname(os.path.abspath(db_path)), CONFIG_NAME)
    return beside if os.path.isfile(beside) else None


def _from_file(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from None
    unknown_tables = set(data) - {"crawl", "scrapy"}
    if unknown_tables:
        raise click.ClickException(f"{path}: unknown table [{sorted(unknown_tables)[0]}]; known: [crawl], [scrapy]")
    crawl, settings = data.get("crawl", {}), dict(data.get("scrapy", {}))
    for key, value in crawl.items():
        if key not in _NAMED:
            raise click.ClickException(f"{path}: unknown [crawl] key {key!r}; known: {', '.join(sorted(_NAMED))}")
        name, kind = _NAMED[key]
        if kind in (int, float) and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            raise click.ClickException(f"{path}: [crawl] {key} must be a number of 0 or more, not {value!r}")
        if kind is str and not isinstance(value, str):
            raise click.ClickException(f"{path}: [crawl] {key} must be a string, not {value!r}")
        if name:
            settings[name] = kind(value)
    if crawl.get("contact") and "user_agent" not in crawl:
        from scraper.settings import user_agent

        settings["USER_AGENT"] = user_agent(crawl["contact"])
    return settings


def _from_pairs(pairs: tuple[str, ...]) -> dict:
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="-s")
        settings[key.strip()] = value
    return settings


def crawl_settings(db_path: str, config_path: str | None, overrides: tuple[str, ...]) -> tuple[dict, str | None]:
    """(Scrapy settings for this crawl, the config file they came from or None)."""
    path = find_config(db_path, config_path)
    settings = _from_file(path) if path else {}
    settings.update(_from_pairs(overrides))
    return settings, path


def operator_user_agent(db_path: str, config_path: str | None) -> str:
    """The User-Agent the crawl would send, for the commands that ask web archives (recover,
    discover): the operator's contact from the same file (or $PORTAL_ARCHIVE_CONTACT), or their
    whole user_agent, so an archive's staff can reach whoever pages through their index."""
    from scraper.settings import USER_AGENT

    return str(crawl_settings(db_path, config_path, ())[0].get("USER_AGENT") or USER_AGENT)
