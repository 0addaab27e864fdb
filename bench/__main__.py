"""Run benchmark areas and write each one's section of bench/RESULTS.md."""
from __future__ import annotations

import importlib
import os
import platform
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

AREAS = ["extract", "archive", "crawl", "warc", "schedule", "web", "chaos", "chaos_inputs", "chaos_archive",
         "chaos_warc", "many", "distributed", "discover", "profiles", "ranking", "site_tokens", "ab"]
RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        cpu = f"{names[0]} x{len(names)}" if names else cpu
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, Python {platform.python_version()}"


def write_section(area: str, text: str) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    begin, end = f"<!-- {area}:begin -->", f"<!-- {area}:end -->"
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = f"{begin}\n{text.rstrip()}\n\n_Measured {stamp} on {machine()}._\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    new = pattern.sub(lambda _: block, old) if pattern.search(old) else old.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    areas = argv or os.environ.get("BENCH", "").split() or AREAS
    for area in areas:
        try:
            module = importlib.import_module(f"bench.{area}")
        except ModuleNotFoundError:
            print(f"bench: no area {area!r} yet, skipped", file=sys.stderr)
            continue
        print(f"== bench {area}", flush=True)
        write_section(area, module.run())
    print(f"results in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
