"""Compute the AJCC 7th edition stage group from T, N and M when a report does not state it.

M must be stated (M0 or M1, never MX and never assumed): a report that says nothing about distant
metastasis gives no stage group. Sites without a rule here give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from onconav.domain import Evidence, Fact

_M1_IS_IV = {
    "breast", "lung", "colon", "rectum", "stomach", "esophagus", "kidney", "pancreas", "bladder",
    "head neck", "skin", "prostate", "adrenal", "liver", "cervix", "uterus", "ovary", "bile duct",
}  # fmt: skip


def _num(cat: str | None, letter: str) -> tuple[int, str] | None:
    mt = re.match(letter + r"([0-4])([a-d]?)", cat or "")
    return (int(mt.group(1)), mt.group(2)) if mt else None


def _colon(t: tuple[int, str], n: tuple[int, str]) -> str:
    if n[0] == 0:
        return {1: "I", 2: "I", 3: "IIA"}.get(t[0]) or ("IIC" if t[1] == "b" else "IIB")
    if t == (4, "b"):
        return "IIIC"
    if n[0] == 1:
        return "IIIA" if t[0] <= 2 else "IIIB"
    if n[1] == "b":
        return "IIIB" if t[0] <= 2 else "IIIC"
    return "IIIA" if t[0] == 1 else ("IIIB" if t[0] <= 3 else "IIIC")


def _kidney(t: tuple[int, str], n: tuple[int, str]) -> str:
    if t[0] == 4 or n[0] >= 2:
        return "IV"
    if t[0] == 3 or n[0] == 1:
        return "III"
    return "I" if t[0] == 1 else "II"


def _bladder(t: tuple[int, str], n: tuple[int, str]) -> str:
    if n[0] >= 1 or t == (4, "b"):
        return "IV"
    return {1: "I", 2: "II"}.get(t[0], "III")


def _breast(t: tuple[int, str], n: tuple[int, str]) -> str:
    if n[0] == 3:
        return "IIIC"
    if t[0] == 4:
        return "IIIB"
    if n[0] == 2 or (t[0] == 3 and n[0] == 1):
        return "IIIA"
    if n[0] == 0:
        return {1: "IA", 2: "IIA"}.get(t[0], "IIB")
    return {1: "IIA", 2: "IIB"}.get(t[0], "IIIA")


def _lung(t: tuple[int, str], n: tuple[int, str]) -> str:
    if n[0] == 3 or (t[0] == 4 and n[0] == 2):
        return "IIIB"
    if n[0] == 2 or t[0] == 4 or (t[0] == 3 and n[0] == 1):
        return "IIIA"
    if t[0] == 3:
        return "IIB"
    big = t[0] == 2 and t[1] == "b"
    if n[0] == 1:
        return "IIB" if big else "IIA"
    if t[0] == 1:
        return "IA"
    return "IIA" if big else ("IB" if t[1] == "a" else "")  # T2 without a/b: IB or IIA


def _pancreas(t: tuple[int, str], n: tuple[int, str]) -> str:
    if t[0] == 4:
        return "III"
    if n[0] >= 1:
        return "IIB"
    return {1: "IA", 2: "IB"}.get(t[0], "IIA")


def _liver(t: tuple[int, str], n: tuple[int, str]) -> str:
    if n[0] >= 1:
        return "IVA"
    if t[0] == 3:
        return {"a": "IIIA", "b": "IIIB"}.get(t[1], "")
    return {1: "I", 2: "II", 4: "IIIC"}[t[0]]


_RULES: dict[str, Callable[[tuple[int, str], tuple[int, str]], str]] = {
    "colon": _colon,
    "rectum": _colon,
    "kidney": _kidney,
    "bladder": _bladder,
    "breast": _breast,
    "lung": _lung,
    "pancreas": _pancreas,
    "liver": _liver,
}


def derive_stage(facts: list[Fact], site: str | None) -> list[Fact]:
    """A derived stage_group fact from T, N and a stated M, or nothing."""
    get = {f.field: f for f in facts if f.field in ("tnm.t", "tnm.n", "tnm.m") and not f.negated}
    m_fact = get.get("tnm.m")
    m = _num(m_fact.value if m_fact and not m_fact.derived else None, "M")
    edition = next((str(f.value) for f in facts if f.field == "tnm.edition"), "")
    if m is None or not site or "8" in edition:
        return []  # the 8th edition tables (prognostic groups) are not implemented
    ev: list[Evidence] = list(m_fact.evidence) if m_fact else []
    if m[0] == 1:
        if site not in _M1_IS_IV:
            return []
        group = "IV"
    else:
        t_fact, n_fact = get.get("tnm.t"), get.get("tnm.n")
        t = _num(t_fact.value if t_fact else None, "T")
        n = _num(n_fact.value if n_fact else None, "N")
        rule = _RULES.get(site)
        if not (t and n and rule and t[0] >= 1):
            return []
        group = rule(t, n)
        ev += [e for f in (t_fact, n_fact) if f for e in f.evidence]
    if not group:
        return []
    return [
        Fact(
            field="stage_group",
            value="Stage " + group,
            evidence=ev,
            confidence=0.6,
            derived=True,
            rule=f"AJCC 7th edition {site} stage group from T, N and stated M",
        )
    ]
