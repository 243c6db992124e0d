"""Treatments (surgery, systemic drugs and regimens, radiation), key dates and care team members."""

from __future__ import annotations

import re

from onconav.domain import Fact
from onconav.records.extract.base import Source, fact, is_negated, may_match, needles

_SURGERY = (
    r"(?:radical\s+|partial\s+|total\s+|modified\s+radical\s+|simple\s+|segmental\s+|wide\s+local\s+)?"
    r"(?:mastectomy|lumpectomy|lobectomy|pneumonectomy|segmentectomy|wedge\s+resection|nephrectomy|"
    r"nephroureterectomy|colectomy|hemicolectomy|proctectomy|low\s+anterior\s+resection|"
    r"abdominoperineal\s+resection|gastrectomy|esophagectomy|oesophagectomy|whipple|"
    r"pancreaticoduodenectomy|pancreatectomy|prostatectomy|cystectomy|cystoprostatectomy|thyroidectomy|"
    r"hysterectomy|oophorectomy|salpingo-oophorectomy|orchiectomy|glossectomy|laryngectomy|mandibulectomy|"
    r"neck\s+dissection|hepatectomy|adrenalectomy|excision|sentinel\s+(?:lymph\s+)?node\s+biopsy|"
    r"axillary\s+(?:lymph\s+node\s+)?dissection|craniotomy|TURBT|transurethral\s+resection)"
)
_DRUGS = (
    r"tamoxifen|letrozole|anastrozole|exemestane|fulvestrant|trastuzumab|pertuzumab|T-DM1|"
    r"ado-trastuzumab|palbociclib|ribociclib|abemaciclib|olaparib|niraparib|pembrolizumab|nivolumab|"
    r"ipilimumab|atezolizumab|durvalumab|cemiplimab|carboplatin|cisplatin|oxaliplatin|paclitaxel|"
    r"nab-paclitaxel|docetaxel|doxorubicin|epirubicin|cyclophosphamide|fluorouracil|5-FU|capecitabine|"
    r"gemcitabine|irinotecan|pemetrexed|etoposide|vinorelbine|bevacizumab|cetuximab|panitumumab|"
    r"osimertinib|erlotinib|gefitinib|afatinib|alectinib|crizotinib|lorlatinib|brigatinib|sotorasib|"
    r"adagrasib|dabrafenib|trametinib|vemurafenib|encorafenib|sunitinib|pazopanib|cabozantinib|axitinib|"
    r"lenvatinib|sorafenib|temozolomide|enzalutamide|abiraterone|leuprolide|goserelin|bicalutamide|"
    r"FOLFOX|FOLFIRI|FOLFIRINOX|CAPOX|XELOX|AC-T|TCHP|R-CHOP|BEP"
)
_SURG_RX = re.compile(r"\b" + _SURGERY + r"\b", re.I)
_DRUG_RX = re.compile(r"\b(?:" + _DRUGS + r")\b", re.I)
_RAD_RX = re.compile(
    r"\b(?:radiation\s+therapy|radiotherapy|chemoradiation|chemoradiotherapy|XRT|SBRT|IMRT|"
    r"brachytherapy|stereotactic\s+(?:body\s+)?radiation)\b",
    re.I,
)
_CHEMO_RX = re.compile(
    r"\b(?:neo-?adjuvant|adjuvant)\s+(?:chemo(?:therapy)?|systemic\s+therapy|"
    r"endocrine\s+therapy|hormon\w+\s+therapy)\b",
    re.I,
)
_KINDS = (
    ("surgery", _SURG_RX, needles(_SURGERY) + ("turbt",)),
    ("systemic", _DRUG_RX, needles(_DRUGS) + ("5-fu",)),
    ("radiation", _RAD_RX, ("radi", "xrt", "sbrt", "imrt", "brachy")),
    ("systemic", _CHEMO_RX, ("adjuvant",)),
)
_NOT_GIVEN = re.compile(
    r"^[^.;]{0,25}?(?::\s*)?(?:not\s+(?:specified|applicable|given|received|known)|none|"
    r"no\b|unknown)",
    re.I,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)\b|\b(?P<us>[01]?\d/[0-3]?\d/(?:19|20)\d{2})\b|"
    r"\b(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)\s+(?P<d>[0-3]?\d),?\s+"
    r"(?P<y>(?:19|20)\d{2})\b",
    re.I,
)
_EVENT = re.compile(
    r"(?P<e>date\s+of\s+(?:surgery|procedure|diagnosis|collection|biopsy)|collected|"
    r"(?:surgery|procedure|diagnosis|biopsy|collection|received|report)\s+date|date\s+received|"
    r"signed\s+out|diagnosed)\s*(?:on)?\s*[:.]?\s*$",
    re.I,
)
_TEAM = re.compile(
    r"\b(?P<role>(?i:surgeon|pathologist|attending\s+pathologist|oncologist|radiologist|"
    r"referring\s+physician))\s*:\s*(?P<name>(?:Dr\.?\s+)?[A-Z][a-zA-Z'\-]+(?:\s+[A-Z]\.)?"
    r"(?:\s+[A-Z][a-zA-Z'\-]+){0,2}(?:,?\s*M\.?D\.?)?)"
)


def iso_date(mt: re.Match[str]) -> str | None:
    """ISO date string from a _DATE match (None when the parts are not a valid date)."""
    if mt.group("iso"):
        return mt.group("iso")
    if mt.group("us"):
        m, d, y = (int(x) for x in mt.group("us").split("/"))
    else:
        m = _MONTHS.index(mt.group("mon")[:3].lower()) + 1
        d, y = int(mt.group("d")), int(mt.group("y"))
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def _date_near(text: str, end: int) -> str | None:
    mt = _DATE.search(text, end, min(len(text), end + 60))
    if mt and "." not in text[end : mt.start()]:
        return iso_date(mt)
    return None


def extract_treatments(text: str, src: Source) -> list[Fact]:
    """treatment facts (type surgery/systemic/radiation) that are not negated or 'not specified'."""
    out: list[Fact] = []
    seen: set[str] = set()
    low = text.lower()
    for kind, rx, words in _KINDS:
        if not may_match(low, words):
            continue
        for mt in rx.finditer(text):
            name = re.sub(r"\s+", " ", mt.group(0).lower())
            if name in seen or is_negated(text, mt.start(), mt.end()) or _NOT_GIVEN.match(text[mt.end() :]):
                continue
            seen.add(name)
            value = {"type": kind, "name": name, "start": _date_near(text, mt.end()), "end": None}
            out.append(fact("treatment", value, src, text, mt.start(), mt.end(), confidence=0.7))
    return out


def extract_dates(text: str, src: Source) -> list[Fact]:
    """date facts ({event, date}) for labelled dates such as 'Date of surgery: 03/04/2021'."""
    out: list[Fact] = []
    for mt in _DATE.finditer(text):
        ev = _EVENT.search(text[max(0, mt.start() - 40) : mt.start()])
        iso = iso_date(mt)
        if ev and iso:
            event = re.sub(r"\s+", " ", ev.group("e").lower())
            out.append(fact("date", {"event": event, "date": iso}, src, text, mt.start(), mt.end()))
    return out


def extract_care_team(text: str, src: Source) -> list[Fact]:
    """care_team facts, only from explicit role labels ('Surgeon: Dr. X')."""
    out: list[Fact] = []
    for mt in _TEAM.finditer(text):
        name = mt.group("name").strip()
        if name.lower().rstrip(".") in {"dr", "none", "unknown", "not", "n/a"}:
            continue
        out.append(
            fact(
                "care_team",
                {"role": mt.group("role").lower(), "name": name},
                src,
                text,
                mt.start("name"),
                mt.end("name"),
                confidence=0.8,
            )
        )
    return out
