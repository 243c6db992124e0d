"""Redaction: each identifier type is replaced by a placeholder and restored; clinical words survive."""

from __future__ import annotations

from onconav.security.redaction import redact, restore

REPORT = """SURGICAL PATHOLOGY REPORT
Patient: HOLLOWAY, MARGARET A.        MRN: 00739152
DOB: 07/22/1958   Accession #: S23-48812
Address: 88 Birchwood Lane, Apt 4, Dayton, OH 45402
Phone: (937) 555-0182   Email: m.holloway58@example.net   SSN: 321-54-9876
Ordering physician: Dr. Kenji Watanabe
Collected: 2023-03-14   Received: March 15, 2023
FINAL DIAGNOSIS: Invasive ductal carcinoma, Nottingham grade 2. Gleason not applicable.
ER positive (95%), PR positive, HER2 negative (IHC 1+). Ki-67 20%. pT2 pN0. Stage IIA (AJCC 8th).
Mrs. Holloway was informed of the results.
Electronically signed by Priya Raman, MD on 03/17/2023
"""


def test_every_identifier_type_is_replaced() -> None:
    r = redact(REPORT)
    for secret in (
        "HOLLOWAY",
        "Holloway",
        "MARGARET",
        "00739152",
        "07/22/1958",
        "S23-48812",
        "88 Birchwood Lane",
        "Dayton",
        "45402",
        "555-0182",
        "m.holloway58@example.net",
        "321-54-9876",
        "Kenji Watanabe",
        "2023-03-14",
        "March 15, 2023",
        "Priya Raman",
        "03/17/2023",
    ):
        assert secret not in r.text, secret
    kinds = r.kinds()
    for kind in ("NAME", "MRN", "DOB", "DATE", "ADDRESS", "ZIP", "PHONE", "EMAIL", "SSN"):
        assert kinds.get(kind), kind
    assert "[DOB_1]" in r.text and "[SSN_1]" in r.text


def test_clinical_content_survives() -> None:
    r = redact(REPORT)
    for keep in (
        "Invasive ductal carcinoma",
        "Nottingham grade 2",
        "Gleason",
        "ER positive (95%)",
        "HER2 negative (IHC 1+)",
        "Ki-67 20%",
        "pT2 pN0",
        "Stage IIA (AJCC 8th)",
        "FINAL DIAGNOSIS",
    ):
        assert keep in r.text, keep


def test_restore_round_trip_and_llm_reply() -> None:
    r = redact(REPORT)
    assert restore(r.text, r.mapping) == REPORT
    name = next(k for k, v in r.mapping.items() if v == "Kenji Watanabe")
    reply = f"Ask {name} whether the HER2 result should be repeated."
    assert restore(reply, r.mapping) == "Ask Kenji Watanabe whether the HER2 result should be repeated."


def test_same_value_same_placeholder_and_empty_text() -> None:
    r = redact("Call 555-201-3344 or 555-201-3344 today.")
    assert r.text == "Call [PHONE_1] or [PHONE_1] today."
    assert redact("").text == "" and restore("no placeholders", {}) == "no placeholders"


def test_numbers_that_are_not_identifiers_stay() -> None:
    text = "Tumor size 2.1 cm, 3 of 14 lymph nodes, PSA 6.4 ng/mL, Oncotype DX recurrence score 18."
    assert redact(text).text == text
