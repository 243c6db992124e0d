"""Derive the M category when a report does not give a usable one.

AJCC staging records distant metastasis clinically: with no evidence of distant spread the category
is cM0, and "MX" is no longer a valid category (7th and 8th editions); a pathologist's "pMX" only
says the specimen cannot show it. So, for a report that describes a cancer:

- a distant organ named as a site of metastasis gives a derived M1;
- otherwise a derived cM0, marked as an assumption ("no distant metastasis described") so the
  profile page and the stage group built from it say so, and a later document that shows
  metastases overrides it (see `records.profile`).

A report that states M0 or M1 gets nothing here; neither does a text that names no cancer.
"""

from __future__ import annotations

from onconav.domain import Evidence, Fact
from onconav.records.extract.assumptions import CM0_ASSUMED, cancer_anchor

__all__ = ["ASSUMED_M0_RULE", "CM0_ASSUMED", "derive_m"]
ASSUMED_M0_RULE = (
    f"AJCC: {CM0_ASSUMED}: this report describes no spread to distant organs; scans decide this, "
    "so ask your care team"
)


def derive_m(facts: list[Fact]) -> list[Fact]:
    """A derived tnm.m fact (M1 from named metastatic sites, else assumed cM0), or nothing."""
    stated = [f for f in facts if f.field == "tnm.m" and not f.negated and not f.derived]
    if any(str(f.value).upper().startswith(("M0", "M1")) for f in stated):
        return []
    sites = [f for f in facts if f.field == "metastatic_site" and not f.negated and not f.uncertain]
    if sites:
        return [
            Fact(
                field="tnm.m",
                value="M1",
                evidence=[e for f in sites for e in f.evidence],
                confidence=0.6,
                derived=True,
                rule="AJCC: distant metastasis named in the report ("
                + ", ".join(sorted({str(f.value) for f in sites}))
                + ") -> M1",
            )
        ]
    anchor = cancer_anchor(facts)
    if not anchor:
        return []
    evidence: list[Evidence] = next((list(f.evidence) for f in stated if f.evidence), anchor)
    return [
        Fact(
            field="tnm.m",
            value="M0",
            evidence=evidence,
            confidence=0.4,
            derived=True,
            rule=ASSUMED_M0_RULE,
        )
    ]
