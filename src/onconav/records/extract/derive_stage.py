"""Compute the AJCC 7th edition stage group from T, N and M when a report does not state it.

T, N and M may be stated or derived. A derived M0 rests on the assumption that no distant metastasis
was found (derive_m): the stage group built on it says so in its rule (CM0_ASSUMED), so the profile
drops it when another document names a metastasis. Anything the report leaves open (a T2 without
its sub-letter, an unknown N, grade, age, PSA or serum markers) is tried with every value it could
take: the group is given only when all of them agree (the main group I-IV when only sub-groups
differ), otherwise nothing. A stated 8th edition gives nothing (its prognostic groups are not here).
"""

from __future__ import annotations

import itertools
import re

from onconav.domain import Evidence, Fact
from onconav.records.extract.assumptions import CM0_ASSUMED, CN0_ASSUMED, assume_n0
from onconav.records.extract.stage_sites import Table, table_for
from onconav.records.extract.stage_tables import Cat

_CAT = re.compile(r"[cpyra]{0,3}([TNM])([0-4])(mi|[a-e]?)", re.I)
_EDITION = re.compile(r"[67]th")
_MAIN = re.compile(r"IV|III|II|I")
_GRADE = re.compile(r"^G([1-4])$")
_GLEASON = re.compile(r"=\s*(\d+)")
_THYROID_KIND = {"8020": "anaplastic", "8021": "anaplastic", "8345": "medullary", "8510": "medullary"}


def _parse(value: object, letter: str) -> Cat | None:
    mt = _CAT.match(str(value or ""))
    return (int(mt.group(2)), mt.group(3).lower()) if mt and mt.group(1).upper() == letter else None


def _refine(cat: Cat, subs: dict[int, tuple[str, ...]]) -> list[Cat]:
    """A category as the table knows it: "T2" -> T2a, T2b when the sub-letter matters, else T2."""
    options = subs.get(cat[0])
    if not options:
        return [(cat[0], "")]
    known = [s for s in options if s and cat[1].startswith(s)] or [s for s in options if s == cat[1]]
    return [(cat[0], known[0])] if known else [(cat[0], s) for s in options]


def _best(facts: list[Fact], name: str, letter: str = "") -> Fact | None:
    """The fact the profile would show (stated before derived, then the most confident); for T, N
    and M only values that name a category (not TX, NX, MX)."""
    usable = [
        f
        for f in facts
        if f.field == name and not f.negated and not f.uncertain and (not letter or _parse(f.value, letter))
    ]
    return min(usable, key=lambda f: (f.derived, -f.confidence), default=None)


def _histology_kind(label: str, morph: str, code: str) -> str:
    """The histologic variant a table distinguishes, from ICD-O-3 morphology and OncoTree code."""
    if label == "esophagus":
        return "squamous" if morph.startswith("807") else "adeno" if morph.startswith("814") else ""
    if label == "liver":
        return "cholangio" if code == "IHCH" or morph.startswith("816") else "hcc" if code == "HCC" else ""
    if label == "thyroid":
        differentiated = morph.startswith(("826", "833", "834"))
        return _THYROID_KIND.get(morph[:4], "differentiated" if differentiated else "")
    return ""


def _gleason_band(value: str) -> str:
    mt = _GLEASON.search(value) if "Gleason" in value else None
    if not mt:
        return ""
    score = int(mt.group(1))
    return "<=6" if score <= 6 else "7" if score == 7 else ">=8"


def _edition(fact: Fact | None) -> str:
    mt = _EDITION.search(str(fact.value)) if fact else None
    return mt.group(0) if mt else ""


def _morphology_and_code(facts: list[Fact]) -> tuple[str, str]:
    """ICD-O-3 morphology ("8070/3") and OncoTree code of the report's cancer ("" when not named)."""
    morph = str(getattr(_best(facts, "histology_code"), "value", "") or "")
    ctype = _best(facts, "cancer_type")
    code = str(ctype.value.get("oncotree_code", "")) if ctype and isinstance(ctype.value, dict) else ""
    return morph, code


def _extras(facts: list[Fact], table: Table) -> tuple[dict[str, str], list[Fact]]:
    """The extra axes a table reads that this report settles, and the facts that settled them."""
    morph, code = _morphology_and_code(facts)
    grade, age, edition = _best(facts, "grade"), _best(facts, "age"), _best(facts, "tnm.edition")
    gm = _GRADE.match(str(grade.value)) if grade else None
    years = str(age.value) if age else ""
    values = {
        "histology": (_histology_kind(table.label, morph, code), _best(facts, "histology")),
        "grade": (str(min(3, int(gm.group(1)))) if gm else "", grade),
        "gleason": (_gleason_band(str(grade.value)) if grade else "", grade),
        "age": (("under 45" if int(years) < 45 else "45 or older") if years.isdigit() else "", age),
        "edition": (_edition(edition), edition),
    }
    known: dict[str, str] = {}
    used: list[Fact] = []
    for axis, options in table.extras.items():
        value, source = values.get(axis, ("", None))
        if value in options:
            known[axis] = value
            if source is not None and source not in used:
                used.append(source)
    return known, used


def _sub_from_size(facts: list[Fact], table: Table, t: Cat | None) -> tuple[Cat | None, Fact | None]:
    """A T without its sub-letter refined by the tumour size when the size alone decides it."""
    rule = table.sub_by_size.get(t[0]) if t and not t[1] else None
    size = _best(facts, "tumor_size_cm")
    if t is None or rule is None or size is None or not isinstance(size.value, (int, float)):
        return t, None
    return ((t[0], rule[1]), size) if 0 < size.value <= rule[0] else (t, None)


def stage_for(table: Table, t: Cat | None, n: Cat | None, m: int, extras: dict[str, str]) -> str:
    """The group every possible reading of the open inputs agrees on: "IIB", "II" or ""."""
    t_opts = [r for k in ([t] if t else [(k, "") for k in (1, 2, 3, 4)]) for r in _refine(k, table.t_subs)]
    ns = [n] if n else [(k, "") for k in range(table.n_max + 1)]
    n_opts = [r for cat in ns for r in _refine(cat, table.n_subs)]
    axes = [(extras[a],) if a in extras else vals for a, vals in table.extras.items()]
    found: set[str] = set()
    for tt, nn, combo in itertools.product(t_opts, n_opts, itertools.product(*axes)):
        group = table.fn(tt, nn, m, dict(zip(table.extras, combo, strict=True)))
        if group is not None:
            found.add(group)
    if len(found) == 1 or "" in found:
        return found.pop() if len(found) == 1 else ""
    mains = {mt.group(0) for g in found if (mt := _MAIN.match(g))}
    return mains.pop() if len(mains) == 1 else ""


def derive_stage(facts: list[Fact], site: str | None) -> list[Fact]:
    """A derived stage_group fact from T, N and M (stated or derived), or nothing."""
    edition = _best(facts, "tnm.edition")
    if not site or (edition and "8" in str(edition.value)):
        return []  # the 8th edition tables (prognostic groups) are not implemented
    table = table_for(site, *_morphology_and_code(facts))
    t_fact, n_fact, m_fact = (_best(facts, "tnm." + k.lower(), k) for k in "TNM")
    t = _parse(t_fact.value, "T") if t_fact else None
    n = _parse(n_fact.value, "N") if n_fact else None
    m = _parse(m_fact.value, "M") if m_fact else None
    if table is None or m is None or (t is None and not m[0]) or (t is not None and t[0] == 0):
        return []
    extras, extra_facts = _extras(facts, table)
    t, size_fact = _sub_from_size(facts, table, t)
    extra_facts += [size_fact] if size_fact else []
    marks = [
        ed for ed, rx in table.edition_marks.items() for c in (t_fact, n_fact) if c and rx.match(str(c.value))
    ]
    if "edition" in table.extras and "edition" not in extras and len(set(marks)) == 1:
        extras["edition"] = marks[0]
    group = stage_for(table, t, n, min(1, m[0]), extras)
    n_assumed = n_fact is not None and n_fact.derived and CN0_ASSUMED in (n_fact.rule or "")
    if not group and n is None and t is not None:
        assumed = assume_n0(facts, positive_words=False)  # the one cN0 rule, as for the profile's N
        if assumed:
            n_fact, n_assumed = assumed[0], True
            group = stage_for(table, t, (0, ""), min(1, m[0]), extras)
    if not group:
        return []
    used = [f for f in (t_fact, n_fact, m_fact) if f is not None]
    assumed_m0 = m_fact is not None and m_fact.derived and CM0_ASSUMED in (m_fact.rule or "")
    evidence: list[Evidence] = []
    for f in used + extra_facts:
        evidence += [e for e in f.evidence if e not in evidence]
    inputs = ", ".join(f"{f.value}{' (derived)' if f.derived else ''}" for f in used)
    notes = [f"{k} {v}" for k, v in extras.items() if k != "edition"]
    if n_assumed:
        notes.append(f"{CN0_ASSUMED} (no regional lymph node metastasis described)")
    elif n is None:
        notes.append("the same group for every N")
    if assumed_m0:
        notes.append(f"{CM0_ASSUMED} (no distant metastasis described)")
    label = f"AJCC {_edition(edition) or '7th'} edition {table.label} stage group from {inputs}"
    return [
        Fact(
            field="stage_group",
            value="Stage " + group,
            evidence=evidence,
            confidence=0.4 if assumed_m0 or n_assumed else (0.5 if any(f.derived for f in used) else 0.6),
            derived=True,
            rule="; ".join([label, *notes]),
        )
    ]
