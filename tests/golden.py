"""`pytest --update-golden`: rewrite the project's own golden files from what extraction now gives.

Only goldens this project wrote are rewritten (saved pages under tests/fixtures/unseen). The
sample portals' expected JSON is the specification handed to the project (a copy of the shared
portals' `expected/`), so the switch refuses it: a failing sample field is fixed in the code,
never in its spec. A golden change and an extraction change go in separate commits, each saying why.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPECIFICATION = FIXTURES / "portals"


def golden_text(data: dict) -> str:
    """The golden file's form: sorted keys and Vietnamese left readable, so diffs read well."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def rewrite_golden(path: Path, record: dict, fields: list[str]) -> dict:
    """Put the extracted `fields` of `record` into the golden at `path`; keep every other key
    (url, family, body_excludes...). Returns the new golden."""
    path = Path(path).resolve()
    if SPECIFICATION in path.parents:
        raise ValueError(f"{path} is the sample portals' specification; fix the code, not the spec")
    golden = json.loads(path.read_text(encoding="utf-8"))
    for field in fields:
        value = record.get(field)
        if field == "images":  # goldens name media by path, as the sample portals' spec does
            value = [{"path": _path_of(i["url"]), "caption": i.get("caption")} for i in value or []]
        elif field == "attachments":
            value = [{"path": _path_of(a["url"])} for a in value or []]
        golden[field] = unicodedata.normalize("NFC", value) if isinstance(value, str) else value
    path.write_text(golden_text(golden), encoding="utf-8")
    return golden


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")
