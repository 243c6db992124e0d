"""Biomarkers: ER/PR (percent, Allred), HER2 (IHC, ISH), Ki-67, MMR/MSI, gene variants, PD-L1, TMB, HRD."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated, may_match, needles

NAMES: dict[str, str] = {
    "ER": r"(?i:estrogen\s+receptors?|oestrogen\s+receptors?)|\bER(?![A-Za-z])",
    "PR": r"(?i:progesterone\s+receptors?)|\bPg?R(?![A-Za-z])",
    "HER2": r"HER-?\s?2(?:\s*/\s*neu)?|c-?erbB-?2|HER2/neu",
    "Ki-67": r"Ki-?\s?67|MIB-?1",
    "MLH1": r"\bMLH-?1\b",
    "MSH2": r"\bMSH-?2\b",
    "MSH6": r"\bMSH-?6\b",
    "PMS2": r"\bPMS-?2\b",
    "MSI": r"microsatellite\s+(?:instability|status)|\bMSI(?:-H|-L)?\b|\bMSS\b",
    "KRAS": r"\bKRAS\b",
    "NRAS": r"\bNRAS\b",
    "BRAF": r"\bBRAF\b",
    "EGFR": r"\bEGFR\b",
    "ALK": r"\bALK\b|(?i:anaplastic\s+lymphoma\s+kinase)",
    "ROS1": r"\bROS-?1\b",
    "RET": r"\bRET\b",
    "MET": r"\bMET\b",
    "NTRK": r"\bNTRK[123]?\b",
    "BRCA1": r"\bBRCA1\b",
    "BRCA2": r"\bBRCA2\b",
    "PALB2": r"\bPALB2\b",
    "PIK3CA": r"\bPIK3CA\b",
    "IDH1": r"\bIDH-?1\b",
    "IDH2": r"\bIDH-?2\b",
    "FGFR2": r"\bFGFR-?2\b",
    "PD-L1": r"PD-?L1|\b22C3\b|\bSP263\b",
    "TMB": r"tumou?r\s+mutational\s+burden|\bTMB\b",
    "HRD": r"homologous\s+recombination\s+deficiency|\bHRD\b",
}
_NAME_RX = {
    k: re.compile(v, re.I if k not in {"ER", "PR", "RET", "MET", "ALK"} else 0) for k, v in NAMES.items()
}
_ANY_NAME = re.compile(
    "|".join(
        f"(?P<g{i}>{v})" if k not in {"ER", "PR", "RET", "MET", "ALK"} else f"(?P<g{i}>(?-i:{v}))"
        for i, (k, v) in enumerate(NAMES.items())
    ),
    re.I,
)
_GROUP_NAME = {f"g{i}": k for i, k in enumerate(NAMES)}
_EXTRA_WORDS = {"ER": ("er",), "PR": ("pr", "pgr"), "Ki-67": ("ki",), "PD-L1": ("pd",)}
_WORDS = {k: needles(v) + _EXTRA_WORDS.get(k, ()) for k, v in NAMES.items()}
_RESULT = re.compile(
    r"(?P<r>not\s+amplified|non-?amplified|amplified|amplification|positive|negative|equivocal|borderline|"
    r"wild[\s-]?type|no\s+mutations?\s+(?:detected|identified)|not\s+detected|mutations?\s+(?:detected|identified|"
    r"present)|mutated|mutant|detected|rearranged|rearrangement|fusion|intact|retained|preserved|loss|lost|absent|"
    r"deficient|proficient|MSI-H|MSI-L|MSS|stable|high|low|\b[0-3]\s?\+|score\s*[:=]?\s*[0-3]\b)",
    re.I,
)
_REFERENCE = re.compile(
    r"reference\s+range|interpretation\s+(?:guide|criteria)|scoring\s+(?:guide|system)", re.I
)
# "negative for ER and PR": the result stated before a list of receptor names.
_BEFORE_LIST = re.compile(
    r"\b(?P<r>positive|negative)\s+(?:staining\s+)?for\s+(?P<l>(?:(?:ER|PR|PgR|HER-?2(?:/neu)?|"
    r"(?i:estrogen|progesterone)\s+receptors?)(?:\s*(?:,|and|&)\s*(?=[EPH]|estrogen|progesterone))?){1,3})"
)
_LIST_NAME = {"E": "ER", "e": "ER", "P": "PR", "p": "PR", "H": "HER2"}
_PCT = re.compile(r"(?P<p>\d{1,3}(?:\.\d)?)\s*%")
_ALLRED = re.compile(r"allred\D{0,15}(?P<a>[0-8])(?:\s*/\s*8)?", re.I)
_VARIANT = re.compile(
    r"\b(?:p\.)?(?P<v>[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY]|del|fs\*?\d*|_\w+)|"
    r"exon\s+\d{1,2}\s+(?:deletion|insertion|skipping|mutation)|T790M|L858R)"
)
_METHOD = re.compile(
    r"\b(?P<m>IHC|immunohistochem\w*|FISH|SISH|CISH|ISH|NGS|next[\s-]generation\s+sequencing|PCR)\b", re.I
)
_TPS = re.compile(
    r"\b(?P<k>TPS|CPS|tumou?r\s+proportion\s+score|combined\s+positive\s+score)\D{0,12}(?P<n>\d{1,3})\s*%?",
    re.I,
)
_TMBV = re.compile(r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:mut(?:ations)?\s*/\s*Mb|muts/Mb)", re.I)

_POSITIVE = {
    "positive",
    "amplified",
    "amplification",
    "detected",
    "mutated",
    "mutant",
    "rearranged",
    "rearrangement",
    "fusion",
    "msi-h",
    "high",
    "deficient",
    "loss",
    "lost",
    "absent",
}


def _norm_result(name: str, raw: str) -> str:
    r = re.sub(r"\s+", " ", raw.lower())
    if re.match(r"[0-3] ?\+|score", r):
        score = re.search(r"[0-3]", r)
        s = score.group(0) if score else "0"
        return {"3": "positive", "2": "equivocal"}.get(s, "negative")
    if name in {"MLH1", "MSH2", "MSH6", "PMS2", "MMR"}:
        return "lost" if r in {"loss", "lost", "absent", "negative", "deficient"} else "intact"
    if r in {"not amplified", "non-amplified", "nonamplified"}:
        return "not amplified"
    if r.startswith(("wild", "no mutation", "not detected")):
        return "negative" if name in {"ALK", "ROS1", "RET", "NTRK"} else "wild-type"
    if r in {
        "mutations detected",
        "mutation detected",
        "mutation identified",
        "mutations identified",
        "mutation present",
        "mutated",
        "mutant",
    }:
        return "mutated"
    if r in {"msi-h"}:
        return "high"
    if r in {"mss", "stable", "msi-l"}:
        return "stable"
    if r == "borderline":
        return "equivocal"
    return r if r not in {"amplification"} else "amplified"


def _one(name: str, text: str, mt: re.Match[str], src: Source) -> Fact | None:
    if _REFERENCE.search(text[max(0, mt.start() - 40) : mt.start()]):
        return None  # a reference-range legend ("ER/PR: negative <1%"), not a result
    window_end = min(len(text), mt.end() + 90)
    nxt = window_end
    for other in _ANY_NAME.finditer(text[:window_end], mt.end()):
        if _GROUP_NAME.get(other.lastgroup or "") != name:
            nxt = other.start()
            break
    window = text[mt.end() : nxt]
    cut = re.search(r"[.;]\s+[A-Z]", window)
    window = window[: cut.start() + 1] if cut and cut.start() > 3 else window
    res = _RESULT.search(window)
    pct = _PCT.search(window)
    value: str | None = None
    result = _norm_result(name, res.group("r")) if res else None
    if name in {"ER", "PR", "Ki-67"} and pct:
        value = pct.group("p") + "%"
        of_cells = (
            res and res.group("r").lower() == "positive" and not window[pct.end() : res.start()].strip()
        )
        if (result is None or of_cells) and name != "Ki-67":  # "0% positive cells" is negative
            result = "positive" if float(pct.group("p")) >= 1 else "negative"
    if name in {"ER", "PR"}:
        allred = _ALLRED.search(window)
        if allred:
            value = ((value + ", ") if value else "") + f"Allred {allred.group('a')}"
    if name == "HER2" and res and re.match(r"[0-3]\s?\+|score", res.group("r"), re.I):
        digit = re.search(r"[0-3]", res.group("r"))
        value = (digit.group(0) if digit else "0") + "+"
    var = _VARIANT.search(window)
    if var and name not in {"ER", "PR", "HER2", "Ki-67", "TMB", "PD-L1"}:
        value, result = var.group("v"), result if result not in (None, "positive") else "mutated"
    if name == "PD-L1":
        tps = _TPS.search(window)
        value = (
            f"{'TPS' if tps.group('k').upper().startswith(('TPS', 'TUMO')) else 'CPS'} {tps.group('n')}"
            + ("%" if tps.group("k").upper().startswith(("TPS", "TUMO")) else "")
            if tps
            else value
        )
    if name == "TMB":
        tv = _TMBV.search(window)
        value = f"{tv.group('n')} mut/Mb" if tv else value
    own = mt.group(0).upper()
    if name == "MSI" and own in ("MSI-H", "MSI-L", "MSS"):
        result = {"MSI-H": "high", "MSI-L": "stable", "MSS": "stable"}[own]
    if is_negated(text, mt.start(), mt.end()) and result not in ("negative", "wild-type", "not amplified"):
        result = "negative" if name in {"ER", "PR", "HER2", "ALK", "ROS1", "PD-L1"} else "wild-type"
    if result is None and value is None:
        return None
    before = text[max(0, mt.start() - 30) : mt.start()]
    before = re.split(r"[.;]\s", before)[-1]
    meth = _METHOD.search(before + text[mt.start() : mt.end() + len(window)])
    method = _method_name(meth.group("m")) if meth else None
    end = mt.end() + (res.end() if res else (pct.end() if pct else 0))
    return fact(
        "biomarker",
        {"name": name, "result": result, "value": value, "method": method},
        src,
        text,
        mt.start(),
        min(end, nxt if nxt > mt.end() else end),
    )


def _method_name(raw: str) -> str:
    r = raw.upper()
    if r.startswith("IMMUNO") or r == "IHC":
        return "IHC"
    if r.startswith("NEXT") or r == "NGS":
        return "NGS"
    return "FISH" if r == "FISH" else "ISH" if r.endswith("ISH") else r


def extract_biomarkers(text: str, src: Source) -> list[Fact]:
    """One biomarker fact per marker: the first mention that states a result or value."""
    out: list[Fact] = []
    low = text.lower()
    for name, rx in _NAME_RX.items():
        if not may_match(low, _WORDS[name]):
            continue
        for mt in rx.finditer(text):
            got = _one(name, text, mt, src)
            if got:
                out.append(got)
                break
    out = _listed(text, src, out)
    her2 = [f for f in out if f.value["name"] == "HER2"]
    ish = re.search(
        r"(?:FISH|SISH|CISH|ISH|in\s+situ\s+hybridi[sz]ation)\D{0,60}?(?P<r>not\s+amplified|"
        r"non-?amplified|amplified)",
        text,
        re.I,
    )
    if her2 and ish:
        amplified = not ish.group("r").lower().startswith("no")
        v = her2[0].value
        v["value"] = ((v["value"] + "; ") if v["value"] else "") + (
            "ISH amplified" if amplified else "ISH not amplified"
        )
        if v["result"] in (None, "equivocal", "not amplified", "amplified"):
            v["result"] = "positive" if amplified else "negative"
        v["method"] = "IHC+ISH" if v["method"] == "IHC" else "ISH"
    return out


def _listed(text: str, src: Source, out: list[Fact]) -> list[Fact]:
    """Receptors named after their result ("positive for ER and PR") where no result was read for them."""
    have = {f.value["name"] for f in out}
    for mt in _BEFORE_LIST.finditer(text):
        for part in re.finditer(r"ER|PR|PgR|HER|estrogen|progesterone", mt.group("l"), re.I):
            name = _LIST_NAME[part.group(0)[0]]
            if name in have or is_negated(text, mt.start(), mt.start() + 1):
                continue
            have.add(name)
            val = {"name": name, "result": mt.group("r").lower(), "value": None, "method": None}
            out.append(fact("biomarker", val, src, text, mt.start(), mt.end()))
    return out
