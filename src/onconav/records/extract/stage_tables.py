"""AJCC 7th edition anatomic stage groups, one function per site chapter.

Every function takes fully refined categories: T and N as (number, sub-letters) such as (2, "a") or
(1, "mi"), M as 0 or 1, and `x`, the extra axes its table declared (grade, histologic variant, age
band...). It returns the group ("IIA"), "" when the chapter gives no group, or None when the
combination cannot occur (so it is left out when unknown inputs are enumerated). Which sub-letters
and extra axes matter is declared in `stage_sites.TABLES`.
"""

from __future__ import annotations

from collections.abc import Mapping

Cat = tuple[int, str]
Extra = Mapping[str, str]


def breast(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if n[0] == 3:
        return "IIIC"
    if t[0] == 4:
        return "IIIB"
    if n[0] == 2 or (t[0] == 3 and n[0] == 1):
        return "IIIA"
    if n[0] == 0:
        return {1: "IA", 2: "IIA"}.get(t[0], "IIB")
    if n[1] == "mi" and t[0] <= 1 and x["edition"] == "7th":  # the 6th edition counted N1mi as N1
        return "IB"
    return "IIA" if t[0] <= 1 else "IIB"


def lung(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if n[0] == 3 or (t[0] == 4 and n[0] == 2):
        return "IIIB"
    if n[0] == 2 or t[0] == 4 or (t[0] == 3 and n[0] == 1):
        return "IIIA"
    if t[0] == 3:
        return "IIB"
    big = t == (2, "b")
    if n[0] == 1:
        return "IIB" if big else "IIA"
    return "IA" if t[0] == 1 else ("IIA" if big else "IB")


def mesothelioma(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m or t[0] == 4 or n[0] == 3:
        return "IV"
    if n[0] >= 1 or t[0] == 3:
        return "III"
    return {(1, "a"): "IA", (1, "b"): "IB"}.get(t, "II")


def colorectal(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if n[0] == 0:
        return {1: "I", 2: "I", 3: "IIA"}.get(t[0]) or ("IIC" if t[1] == "b" else "IIB")
    if t == (4, "b"):
        return "IIIC"
    if n[0] == 1:
        return "IIIA" if t[0] <= 2 else "IIIB"
    if n[1] == "b":
        return "IIIB" if t[0] <= 2 else "IIIC"
    return "IIIA" if t[0] == 1 else ("IIIB" if t[0] <= 3 else "IIIC")


_STOMACH_STEPS = ("IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC")


def stomach(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if x["edition"] == "6th":
        return _stomach_6th(t, n)
    if t == (4, "b"):
        return "IIIB" if n[0] <= 1 else "IIIC"
    return _STOMACH_STEPS[min(6, t[0] - 1 + n[0])]  # T1..T4a and N0..N3 add up step by step


def _stomach_6th(t: Cat, n: Cat) -> str | None:
    """6th edition: T2 has a and b (7th T2 and T3), T3 is 7th T4a, T4 is 7th T4b; N1 1-6 nodes."""
    if (t[0] == 4 and n[0] >= 1) or n[0] == 3:
        return "IV"
    return ("IA", "IB", "II", "IIIA", "IIIB")[min(4, {1: 0, 2: 1, 3: 2, 4: 3}[t[0]] + n[0])]


def esophagus(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if x["edition"] == "6th":  # no N2/N3 and no grade: T2-3 N0 IIA, T1-2 N1 IIB, T3 N1 or T4 III
        if n[0] >= 2:
            return None
        if t[0] == 4 or (t[0] == 3 and n[0] >= 1):
            return "III"
        return "I" if t[0] == 1 and n[0] == 0 else ("IIB" if n[0] else "IIA")
    if n[0] == 3 or t == (4, "b") or (t[0] == 4 and n[0] >= 1):
        return "IIIC"
    if t[0] == 3 and n[0] == 2:
        return "IIIB"
    if n[0] == 2 or (t[0] == 3 and n[0] == 1) or t[0] == 4:
        return "IIIA"
    if n[0] == 1:
        return "IIB"
    low_grade = x["grade"] == "1"
    if x["histology"] == "adeno":
        if t[0] == 3:
            return "IIB"
        if t[0] == 1:
            return "IA" if x["grade"] in ("1", "2") else "IB"
        return "IB" if x["grade"] in ("1", "2") else "IIA"
    if t[0] == 1:
        return "IA" if low_grade else "IB"
    lower = x["location"] == "lower"
    if low_grade:
        return "IB" if lower else "IIA"
    return "IIA" if lower else "IIB"


def kidney(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m or t[0] == 4 or n[0] >= 2:
        return "IV"
    if t[0] == 3 or n[0] == 1:
        return "III"
    return "I" if t[0] == 1 else "II"


def renal_pelvis(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m or t[0] == 4 or n[0] >= 1:
        return "IV"
    return {1: "I", 2: "II", 3: "III"}[t[0]]


def bladder(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m or n[0] >= 1 or t == (4, "b"):
        return "IV"
    return {1: "I", 2: "II"}.get(t[0], "III")


def pancreas(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IV"
    if t[0] == 4:
        return "III"
    if n[0] >= 1:
        return "IIB"
    return {1: "IA", 2: "IB"}.get(t[0], "IIA")


def liver(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Hepatocellular carcinoma and, with x["histology"] == "cholangio", intrahepatic bile ducts."""
    if m:
        return "IVB"
    if x["histology"] == "cholangio":
        return "IVA" if n[0] >= 1 or t[0] == 4 else {1: "I", 2: "II", 3: "III"}[t[0]]
    if n[0] >= 1:
        return "IIIC" if x["edition"] == "6th" else "IVA"
    if x["edition"] == "6th":
        return {1: "I", 2: "II", 3: "IIIA", 4: "IIIB"}[t[0]]
    if t[0] == 3:
        return "IIIB" if t[1] == "b" else "IIIA"
    return {1: "I", 2: "II", 4: "IIIC"}[t[0]]


def biliary(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Intrahepatic and perihilar bile ducts, gallbladder, distal bile duct and ampulla (x["part"])."""
    if x["part"] == "intrahepatic":
        return liver(t, n, m, {"histology": "cholangio", "edition": "7th"})
    if x["part"] in ("distal", "ampulla"):
        if m:
            return "IV"
        if t[0] == 4:
            return "III"
        return "IIB" if n[0] >= 1 else {1: "IA", 2: "IB", 3: "IIA"}[t[0]]
    if m or n[0] == 2:
        return "IVB"
    if t[0] == 4:
        return "IVA"
    if n[0] == 1:
        return "IIIB"
    return {1: "I", 2: "II", 3: "IIIA"}[t[0]]
