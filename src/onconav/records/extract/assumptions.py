"""Values staging takes for granted when a report is silent, and how they are marked.

AJCC staging combines what pathology shows with what the clinic found: with no distant spread
described the M category is cM0, and when no lymph node was examined the pathologic stage group uses
the clinical cN0. A report that names a cancer but says nothing of distant spread or of involved
nodes therefore gets derived "M0" / "N0" facts whose rule carries a marker (CM0_ASSUMED /
CN0_ASSUMED). The profile lists such values in `Profile.assumed`, the profile page explains them, and
they are dropped as soon as any document shows metastasis or involved nodes.
"""

from __future__ import annotations

import re

from onconav.domain import Evidence, Fact

CM0_ASSUMED = "cM0 assumed"
CN0_ASSUMED = "cN0 assumed"
ASSUMED_N0_RULE = (
    f"AJCC: {CN0_ASSUMED}: this report describes no lymph node with cancer (no nodes examined or "
    "none named); the stage group uses the clinical N, so ask your care team"
)
_CANCER_FIELDS = ("tnm.t", "histology", "cancer_type")


def cancer_anchor(facts: list[Fact]) -> list[Evidence]:
    """Evidence naming the cancer (T, histology or cancer type), or [] when the text names none."""
    for name in _CANCER_FIELDS:
        for f in facts:
            if f.field == name and not f.negated and not f.uncertain and f.evidence:
                return list(f.evidence)
    return []


def assume_n0(facts: list[Fact], positive_words: bool) -> list[Fact]:
    """A derived cN0 when the report names a cancer, gives no usable N and shows no involved node."""
    stated = [f for f in facts if f.field == "tnm.n" and not f.negated]
    if any(not str(f.value).upper().startswith("NX") for f in stated) or positive_words:
        return []
    for f in facts:
        if f.field == "lymph_nodes.positive" and (f.uncertain or not isinstance(f.value, int) or f.value > 0):
            return []
        if f.field == "metastatic_site" and re.search(r"node", str(f.value), re.I):
            return []
    anchor = cancer_anchor(facts)
    if not anchor:
        return []
    evidence = next((list(f.evidence) for f in stated if f.evidence), anchor)
    return [
        Fact(field="tnm.n", value="N0", evidence=evidence, confidence=0.4, derived=True, rule=ASSUMED_N0_RULE)
    ]
