"""`portal-archive export`: every archived article, one JSON object a line (or CSV), to stdout or a file."""
from __future__ import annotations

import os
import sys

import click

from archive.fields import EXPORT_COLUMNS
from portal_archive.common import DateType, db_option, open_archive, since_option, site_option

__all__ = ["command"]

_FORMAT_BY_SUFFIX = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


def _choose_format(fmt: str | None, output: str | None, excel: bool | None) -> tuple[str, bool]:
    """(format, with BOM): `--excel` means CSV with a BOM; a `.csv` output file gets a BOM unless --no-excel."""
    suffix = os.path.splitext(output or "")[1].lower()
    if excel and fmt == "jsonl":
        raise click.UsageError("--excel writes CSV: drop --format jsonl (or --excel)")
    chosen = fmt or ("csv" if excel else _FORMAT_BY_SUFFIX.get(suffix, "jsonl"))
    bom = excel if excel is not None else (chosen == "csv" and suffix == ".csv")
    return chosen, bool(bom and chosen == "csv")


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None,
              help="jsonl or csv (default: from the --output file's suffix, else jsonl).")
@site_option
@since_option
@click.option("--until", type=DateType(), default=None, help="Published on or before this day (YYYY-MM-DD).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (replaced only when the export is complete) instead of stdout.")
@click.option("--excel/--no-excel", default=None,
              help="CSV in UTF-8 with a byte order mark, so Excel shows Vietnamese intact "
                   "(the default for an --output file ending in .csv).")
def command(db_path: str, fmt: str | None, site: str | None, since, until, output: str | None,
            excel: bool | None) -> None:
    """Write every archived article (removed ones too, with removed_at set), oldest archived first.

    JSONL keys and CSV columns are the same, in this order: {columns}. Images are
    [{{url, caption, alt}}] and attachments [{{url, name}}]; in CSV, as JSON text.
    A long export prints its progress on stderr.

    Example: portal-archive export --db archive.db --site yenlap.phutho.gov.vn --since 2024-01-01 > articles.jsonl

    Example: portal-archive export --db archive.db --until 2024-12-31 --output articles.csv   # opens in Excel
    """
    from archive.export import count_articles, iter_articles, to_jsonl_line, write_csv
    from archive.progress import Progress

    fmt, bom = _choose_format(fmt, output, excel)
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    conn = open_archive(db_path, site=site)
    try:
        progress = Progress("export: articles written", count_articles(conn, site=site, since=since, until=until))
        articles = _counted(iter_articles(conn, site=site, since=since, until=until), progress)
        out, temp = _open_output(output)
        try:
            if fmt == "csv":
                written = write_csv(articles, out, bom=bom)
            else:
                written = 0
                for article in articles:
                    out.write(to_jsonl_line(article) + "\n")
                    written += 1
        except BaseException:
            if temp:
                out.close()
                os.unlink(temp)
            raise
        finally:
            progress.close()
        if temp:
            out.close()
            os.replace(temp, output)
            click.echo(f"export: {written:,} articles written to {output}", err=True)
    finally:
        conn.close()


# The columns come from the field registry (archive.fields), like the export itself.
command.help = command.help.format(columns=", ".join(EXPORT_COLUMNS))


def _counted(articles, progress):
    for done, article in enumerate(articles, 1):
        yield article
        progress.update(done)


def _open_output(output: str | None):
    """(stream, temporary path or None): a file is written beside its target and renamed at the end,
    so an interrupted export never leaves half a file under the name asked for."""
    if not output:
        return sys.stdout, None
    temp = f"{output}.part"
    try:
        # newline="" lets the csv module end rows with \r\n, as Excel expects.
        return open(temp, "w", encoding="utf-8", newline=""), temp
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
