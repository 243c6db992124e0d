"""Derive the N category from lymph node counts when a report does not state it (AJCC 7th edition).

No positive node among those examined is N0 for every site. With positive nodes, only sites whose
N category depends on the count alone get a value; the others (lung, head and neck, uterus...) need
the node station or size, so they stay unknown.
"""

from __future__ import annotations

from onconav.domain import Evidence, Fact

# site -> (upper count limit inclusive, N value) in order; the last entry covers any larger count.
_BY_COUNT: dict[str, list[tuple[int, str]]] = {
    "colon": [(1, "N1a"), (3, "N1b"), (6, "N2a"), (10**6, "N2b")],
    "rectum": [(1, "N1a"), (3, "N1b"), (6, "N2a"), (10**6, "N2b")],
    "breast": [(3, "N1"), (9, "N2"), (10**6, "N3")],
    "stomach": [(2, "N1"), (6, "N2"), (15, "N3a"), (10**6, "N3b")],
    "esophagus": [(2, "N1"), (6, "N2"), (10**6, "N3")],
    "bladder": [(1, "N1"), (10**6, "N2")],
    "skin": [(1, "N1"), (3, "N2"), (10**6, "N3")],
    "kidney": [(1, "N1"), (10**6, "N2")],
    "thyroid": [(10**6, "N1")],
    "prostate": [(10**6, "N1")],
    "pancreas": [(10**6, "N1")],
    "liver": [(10**6, "N1")],
    "cervix": [(10**6, "N1")],
    "adrenal": [(10**6, "N1")],
    "eye": [(10**6, "N1")],
}


def derive_n(facts: list[Fact], site: str | None) -> list[Fact]:
    """A derived tnm.n fact from lymph_nodes.positive/examined facts, or nothing."""
    pos = next((f for f in facts if f.field == "lymph_nodes.positive"), None)
    exam = next((f for f in facts if f.field == "lymph_nodes.examined"), None)
    if pos is None or exam is None or not isinstance(pos.value, int) or not isinstance(exam.value, int):
        return []
    if exam.value < 1 or pos.value > exam.value:
        return []
    if pos.value == 0:
        value = "N0"
    else:
        steps = _BY_COUNT.get(site or "")
        if not steps or (pos.derived and len(steps) > 1):
            return []  # counts summed over specimens may repeat nodes: only "any positive" sites use them
        value = next(v for limit, v in steps if pos.value <= limit)
    ev: list[Evidence] = list(pos.evidence) + [e for e in exam.evidence if e not in pos.evidence]
    return [
        Fact(
            field="tnm.n",
            value=value,
            evidence=ev,
            confidence=0.6,
            derived=True,
            rule=f"AJCC 7th edition {site or 'any site'} N from {pos.value} positive of {exam.value} nodes",
        )
    ]
