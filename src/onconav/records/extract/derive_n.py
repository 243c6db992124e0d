"""Derive the N category from lymph node statements when a report does not state it (AJCC 7th edition).

No positive node among nodes that were examined is N0 for every site. With positive nodes:
- sites graded by the number of positive nodes (breast, colon, rectum, stomach, esophagus, bladder,
  melanoma of skin; kidney under the 6th edition) use the count;
- sites where any regional node is N1 (kidney 7th, liver, pancreas, cervix, prostate, adrenal, eye,
  thyroid) need only one positive node; thyroid is N1a/N1b by compartment when the words say which;
- lung and pleura use the station of every positive node (hilar/intrapulmonary N1, mediastinal or
  subcarinal N2, contralateral or supraclavicular N3);
- head and neck: two or more positive nodes are at least N2 (N2b ipsilateral, N2c both sides); a single
  node depends on its size and stays unknown.
Other sites stay unknown. The evidence is the node statements; the rule string says why.
"""

from __future__ import annotations

from onconav.domain import Evidence, Fact
from onconav.records.extract.node_sites import lung_group, names_both_sides, names_common_iliac, thyroid_group
from onconav.records.extract.node_statements import is_label_text, names_deposits

_BIG = 10**6
# site -> (upper count limit inclusive, N value) in order, per AJCC edition; the last entry covers any count.
_BY_COUNT_7TH: dict[str, list[tuple[int, str]]] = {
    "colon": [(1, "N1a"), (3, "N1b"), (6, "N2a"), (_BIG, "N2b")],
    "rectum": [(1, "N1a"), (3, "N1b"), (6, "N2a"), (_BIG, "N2b")],
    "breast": [(3, "N1"), (9, "N2"), (_BIG, "N3")],
    "stomach": [(2, "N1"), (6, "N2"), (15, "N3a"), (_BIG, "N3b")],
    "esophagus": [(2, "N1"), (6, "N2"), (_BIG, "N3")],
    "bladder": [(1, "N1"), (_BIG, "N2")],
    "skin": [(1, "N1"), (3, "N2"), (_BIG, "N3")],
    "kidney": [(_BIG, "N1")],
    "thyroid": [(_BIG, "N1")],
    "prostate": [(_BIG, "N1")],
    "pancreas": [(_BIG, "N1")],
    "liver": [(_BIG, "N1")],
    "cervix": [(_BIG, "N1")],
    "adrenal": [(_BIG, "N1")],
    "eye": [(_BIG, "N1")],
}
_BY_COUNT_6TH: dict[str, list[tuple[int, str]]] = _BY_COUNT_7TH | {
    "colon": [(3, "N1"), (_BIG, "N2")],
    "rectum": [(3, "N1"), (_BIG, "N2")],
    "stomach": [(6, "N1"), (15, "N2"), (_BIG, "N3")],
    "esophagus": [(_BIG, "N1")],
    "kidney": [(1, "N1"), (_BIG, "N2")],
}
_STATION_SITES = ("lung", "pleura")
_COLORECTAL = ("colon", "rectum")
_HEAD_NECK = ("head neck",)


def _edition(facts: list[Fact]) -> str:
    stated = next((str(f.value) for f in facts if f.field == "tnm.edition"), "")
    return "6th" if ("6th" in stated or "5th" in stated) else "7th"


def _stations(words: list[str], site: str) -> str | None:
    """The highest lung N group over every positive statement, or None when one has no clear station."""
    counts = [w for w in words if not is_label_text(w)]  # a synoptic total names no station
    groups = [lung_group(w) for w in counts or words]
    if not groups or None in groups:
        return None
    return max(g for g in groups if g)


def _thyroid(words: list[str]) -> str:
    groups = {thyroid_group(w) for w in words}
    if "N1b" in groups:
        return "N1b"
    return "N1a" if groups == {"N1a"} else "N1"


def _positive_value(
    site: str, count: int, examined: int | None, words: list[str], edition: str
) -> tuple[str | None, str]:
    """The N value and the reason for `count` positive nodes at a site."""
    if site in _STATION_SITES:
        return _stations(words, site), "station of each positive node"
    if site in _HEAD_NECK:
        if count < 2:
            return None, "single node: N depends on its size"
        both = any(names_both_sides(w) for w in words)
        return ("N2c" if both else "N2b"), "two or more positive nodes"
    if site == "thyroid":
        return _thyroid(words), "any positive regional node (central N1a, lateral N1b)"
    if site == "bladder" and edition == "7th" and any(names_common_iliac(w) for w in words):
        return "N3", "positive common iliac node"
    steps = (_BY_COUNT_6TH if edition == "6th" else _BY_COUNT_7TH).get(site)
    if not steps:
        return None, ""
    value = next(v for limit, v in steps if count <= limit)
    return value, f"{count} positive of {examined or 'an unstated number of'} nodes"


def derive_n(facts: list[Fact], site: str | None) -> list[Fact]:
    """A derived tnm.n fact from the lymph_nodes facts (their evidence names each node statement)."""
    pos = next((f for f in facts if f.field == "lymph_nodes.positive"), None)
    exam = next((f for f in facts if f.field == "lymph_nodes.examined"), None)
    if pos is None or not isinstance(pos.value, int) or pos.uncertain or not pos.evidence:
        return []
    examined = exam.value if exam is not None and isinstance(exam.value, int) else None
    if examined is not None and (examined < 1 or pos.value > examined):
        return []
    edition = _edition(facts)
    value: str | None
    deposits = pos.value == 0 and any(names_deposits(e.text) for e in pos.evidence)
    if deposits and site not in _COLORECTAL:
        return []  # tumour outside nodes: not simply node-negative, and no category for it here
    if deposits:
        value, why = "N1c", "tumour deposits without positive nodes"
    elif pos.value == 0:
        value, why = "N0", f"0 positive of {examined} nodes" if examined else "nodes reported negative"
    else:
        words = [e.text for e in pos.evidence]
        value, why = _positive_value(site or "", pos.value, examined, words, edition)
    if value is None:
        return []
    ev: list[Evidence] = list(pos.evidence)
    if exam is not None:
        ev += [e for e in exam.evidence if e not in ev]
    return [
        Fact(
            field="tnm.n",
            value=value,
            evidence=ev,
            confidence=0.6,
            derived=True,
            rule=f"AJCC {edition} edition {site or 'any site'}: {why} -> {value}",
        )
    ]
