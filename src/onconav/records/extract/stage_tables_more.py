"""AJCC 7th edition anatomic stage groups: head and neck, thyroid, skin, eye, genitourinary,
gynaecologic and adrenal chapters (same conventions as `stage_tables`)."""

from __future__ import annotations

from onconav.records.extract.stage_tables import Cat, Extra


def head_neck(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Lip and oral cavity, oropharynx, hypopharynx, larynx, nasal cavity and major salivary glands."""
    if m:
        return "IVC"
    if t == (4, "b") or n[0] == 3:
        return "IVB"
    if t[0] == 4 or n[0] == 2:
        return "IVA"
    if t[0] == 3 or n[0] == 1:
        return "III"
    return "I" if t[0] == 1 else "II"


def thyroid(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if x["histology"] == "anaplastic":  # every anaplastic carcinoma is T4
        return None if t[0] != 4 else ("IVC" if m else ("IVB" if t[1] == "b" else "IVA"))
    if x["histology"] == "differentiated" and x["age"] == "under 45":
        return "II" if m else "I"
    if m:
        return "IVC"
    if t == (4, "b"):
        return "IVB"
    if t[0] == 4 or n == (1, "b"):
        return "IVA"
    if t[0] == 3 or n[0] == 1:
        return "III"
    return "I" if t[0] == 1 else "II"


def melanoma(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Cutaneous melanoma, pathologic groups."""
    if m:
        return "IV"
    if n[0] >= 1:
        if n[0] == 3:
            return "IIIC"
        ulcerated, macro = t[1] == "b", n[1] in ("b", "c")
        return ("IIIC" if macro else "IIIB") if ulcerated else ("IIIB" if macro else "IIIA")
    steps = {(1, "a"): "IA", (1, "b"): "IB", (2, "a"): "IB", (2, "b"): "IIA", (3, "a"): "IIA"}
    return steps.get(t) or ("IIC" if t == (4, "b") else "IIB")


def skin_squamous(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Cutaneous squamous cell carcinoma (and other non-melanoma, non-Merkel skin carcinomas)."""
    if m or t[0] == 4 or n[0] >= 2:
        return "IV"
    if t[0] == 3 or n[0] == 1:
        return "III"
    return "I" if t[0] == 1 else "II"


_UVEAL = {
    (1, "a"): "I",
    (1, "b"): "IIA", (1, "c"): "IIA", (1, "d"): "IIA", (2, "a"): "IIA",
    (2, "b"): "IIB", (3, "a"): "IIB",
    (2, "c"): "IIIA", (2, "d"): "IIIA", (3, "b"): "IIIA", (3, "c"): "IIIA", (4, "a"): "IIIA",
    (3, "d"): "IIIB", (4, "b"): "IIIB", (4, "c"): "IIIB",
    (4, "d"): "IIIC", (4, "e"): "IIIC",
}  # fmt: skip


def uveal(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Melanoma of the choroid and ciliary body."""
    return "IV" if m or n[0] >= 1 else _UVEAL[t]


def prostate(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """x["gleason"]: "<=6" | "7" | ">=8"; x["psa"]: "<10" | "10-20" | ">=20" (ng/mL)."""
    if m or n[0] >= 1 or t[0] == 4:
        return "IV"
    if t[0] == 3:
        return "III"
    if t == (2, "c") or x["psa"] == ">=20" or x["gleason"] == ">=8":
        return "IIB"
    if t[0] == 2 and t[1] != "a":
        return "IIA"
    return "I" if x["psa"] == "<10" and x["gleason"] == "<=6" else "IIA"


def cervix(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    if m:
        return "IVB"
    if t[0] == 4:
        return "IVA"
    if t == (3, "b"):
        return "IIIB"
    if n[0] >= 1:  # AJCC 7th: IIIB; FIGO 2009 (used with it) stages by the primary tumour alone
        return "IIIB" if t[0] == 3 else ""
    return {1: "I", 2: "II"}.get(t[0], "IIIA")


def uterus(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Carcinoma of the uterine corpus."""
    if m:
        return "IVB"
    if t[0] == 4:
        return "IVA"
    if n[0] >= 1:
        return "IIIC1" if n[0] == 1 else "IIIC2"
    return {1: "I", 2: "II"}.get(t[0]) or ("IIIB" if t[1] == "b" else "IIIA")


def ovary(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Ovary and fallopian tube (T4 does not exist)."""
    if t[0] == 4:
        return None
    if m:
        return "IV"
    if n[0] >= 1 or t == (3, "c"):
        return "IIIC"
    return {1: "I", 2: "II"}.get(t[0]) or ("IIIB" if t[1] == "b" else "IIIA")


def adrenal(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Adrenal cortical carcinoma. T3 N1 and T4 are IV in AJCC 7th but III in the ENSAT groups (taken
    up by the 8th edition) that many centres used alongside it: no group for those."""
    if m:
        return "IV"
    if t[0] == 4 or (t[0] == 3 and n[0] >= 1):
        return ""
    if t[0] == 3 or n[0] >= 1:
        return "III"
    return "I" if t[0] == 1 else "II"


def testis(t: Cat, n: Cat, m: int, x: Extra) -> str | None:
    """Germ cell tumours; x["s"] is the serum tumour marker category "0".."3"."""
    if m:
        return "IIIC" if x["s"] == "3" else ("IIIB" if x["s"] == "2" else "IIIA")
    if n[0] == 0:
        return "IS" if x["s"] != "0" else ("IA" if t[0] == 1 else "IB")
    if x["s"] in ("2", "3"):
        return "IIIB" if x["s"] == "2" else "IIIC"
    return ("IIA", "IIB", "IIC")[n[0] - 1]
