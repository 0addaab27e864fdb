"""Names of district units as hosts: the labels portals use, and matching a host to a unit.

District portals usually live at `<name without accents or spaces>.<province domain>`
(yenlap.phutho.gov.vn); seen exceptions are a type word in front (`tpthuduc`, `thixaphutho`,
`quan1`…`quan12`) and a `www.` prefix. A host two labels below the province domain
(danhthang.hiephoa.bacgiang.gov.vn) is a commune's site, never the unit's own.
"""
from __future__ import annotations

import re

from archive.fold import fold

__all__ = ["label_of", "labels_for", "host_label", "title_names_unit", "TYPE_PREFIXES"]

# what a type word becomes in front of a host label (thành phố Thủ Đức -> tpthuduc)
TYPE_PREFIXES = {"quận": ("quan", "q"), "huyện": ("huyen", "h"), "thị xã": ("thixa", "tx"),
                 "thành phố": ("thanhpho", "tp")}
_NOT_LABEL = re.compile(r"[^a-z0-9]+")
# a title naming a commune-level unit first is a commune's page that mentions its district
_COMMUNE_WORD = re.compile(r"(?<!thi )\bxa\b|\bphuong\b|\bthi tran\b")


def label_of(text: str) -> str:
    """`Yên Lập` -> `yenlap`, `Hạ Hoà` -> `hahoa`."""
    return _NOT_LABEL.sub("", fold(text))


def labels_for(name: str, unit_type: str) -> set[str]:
    """Every host label a unit's portal is known to use."""
    base = label_of(name)
    labels = {base} if not base.isdigit() else set()  # "1" alone is no host label: quan1 is
    for prefix in TYPE_PREFIXES.get(unit_type.strip().lower(), ()):
        labels.add(prefix + base)
    return labels


def host_label(host: str, province_domain: str) -> str | None:
    """The one label a host has under the province domain (`www.` dropped), else None.

    None for the province's own host, for hosts outside the domain and for hosts two or more
    labels below it (a commune's site, a service host of a district)."""
    host = host.lower().strip(".").split(":")[0]
    domain = province_domain.lower().strip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host.endswith("." + domain):
        return None
    rest = host[: -len(domain) - 1]
    return rest if rest and "." not in rest else None


def title_names_unit(title: str, name: str, unit_type: str) -> bool:
    """Does a page title name this unit ("… huyện Yên Lập …") rather than a commune in it?"""
    folded = " ".join(fold(title).split())
    wanted = f"{fold(unit_type)} {fold(name)}"
    at = folded.find(wanted)
    if at < 0:
        return False
    return _COMMUNE_WORD.search(folded[:at]) is None
