"""Redaction recall per identifier type on 40 synthetic reports with known identifiers.

Reports are built from 8 layouts written for this benchmark, filled with made-up identifiers. Half of
the people get names from the redactor's own word lists, half get names it has never seen (the
honest case for names). Recall = share of planted identifier strings that no longer appear in the
redacted text; "over-redaction" counts clinical keywords that were wrongly removed.

    .venv/bin/python benchmarks/redaction.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_json  # noqa: E402

from onconav.security.redaction import redact  # noqa: E402

KNOWN_FIRST = ["Margaret", "Robert", "Linda", "Carlos", "Priya", "Kevin", "Fatima", "Thomas"]
KNOWN_LAST = ["Holloway", "Nguyen", "Patel", "Okafor", "Schmidt", "Ramirez", "Kowalski", "Bennett"]
UNSEEN_FIRST = ["Oriel", "Tamsin", "Bexley", "Quill", "Ysolde", "Corwin", "Maelis", "Anouk"]
UNSEEN_LAST = [
    "Thistlewood",
    "Marrowby",
    "Quenby",
    "Ashdown",
    "Verhaeghe",
    "Lindqvist",
    "Oyelaran",
    "Brisbois",
]
STREETS = ["Birchwood Lane", "Harbor View Road", "Elm Street", "Cedar Hollow Drive", "Pinecrest Avenue"]
CITIES = [("Dayton", "OH"), ("Fresno", "CA"), ("Albany", "NY"), ("Tulsa", "OK"), ("Boise", "ID")]
CLINICAL = ["carcinoma", "HER2", "Gleason", "Ki-67", "pT2", "lymph nodes", "ER positive", "Stage"]

LAYOUTS = [
    "SURGICAL PATHOLOGY REPORT\nPatient: {LAST_UP}, {FIRST_UP}\nMRN: {mrn}   DOB: {dob}\n"
    "Address: {street}, {city}, {state} {zip}\nPhone: {phone}\nReceived: {date}\n"
    "DIAGNOSIS: Invasive ductal carcinoma, grade 2. ER positive, HER2 negative. Ki-67 15%. pT2 pN0.\n"
    "Electronically signed by {DOC}, MD on {date2}\n",
    "Name: {first} {last}\nDate of birth: {dob}\nMedical record number: {mrn}\nEmail: {email}\n"
    "Referring physician: Dr. {doclast}\n"
    "Prostate biopsy {date}: Gleason 3+4=7 in 4 of 12 cores. Stage IIB.\n",
    "RADIOLOGY\nPt: {first} {last}  MRN {mrn}\nExam date: {date}\nCT chest: 1.8 cm right upper lobe nodule, "
    "no enlarged lymph nodes.\nReported by: {DOC}\nCall {phone} with questions.\n",
    "Discharge summary for Mr. {last}, born {dob}.\n"
    "{first} was admitted on {date} after a fever during chemotherapy. Seen by Dr. {doclast}. "
    "Follow up at {street}, {city}, {state} {zip}. SSN {ssn}.\n",
    "GENOMIC REPORT\nPatient Name: {first} {last}\nDOB {dob} | Accession #: {acc}\nKRAS G12C detected. "
    "TMB 12 mut/Mb. MSI stable. Stage IV.\nContact: {email}, {phone}\n",
    "Letter\n{date}\n\nDear {first},\nYour HER2 test came back negative. "
    "Please call our nurse line at {phone}.\n"
    "Sincerely,\n{DOC}, MD\nOncology\n",
    "Insurance form: {LAST_UP}, {FIRST_UP} / SSN: {ssn} / Member ID: {member}\nHome: {street}, {city}, "
    "{state} {zip}\nDiagnosis code C50.912, carcinoma of left breast, ER positive.\n",
    "Tumor board note {date}: {first} {last} ({dob}), pT3 pN1a colon adenocarcinoma, 3 of 18 lymph nodes "
    "positive. Discussed by Dr. {doclast} and Dr. {doc2last}. Records from MRN {mrn}.\n",
]


def _person(rng: random.Random, known: bool) -> tuple[str, str]:
    firsts, lasts = (KNOWN_FIRST, KNOWN_LAST) if known else (UNSEEN_FIRST, UNSEEN_LAST)
    return rng.choice(firsts), rng.choice(lasts)


def _values(rng: random.Random, known: bool) -> dict[str, str]:
    first, last = _person(rng, known)
    dfirst, dlast = _person(rng, known)
    _, d2last = _person(rng, known)
    city, state = rng.choice(CITIES)
    mon, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1940, 1980)
    return {
        "first": first,
        "last": last,
        "FIRST_UP": first.upper(),
        "LAST_UP": last.upper(),
        "DOC": f"{dfirst} {dlast}",
        "doclast": dlast,
        "doc2last": d2last,
        "mrn": str(rng.randint(10_000_000, 99_999_999)),
        "dob": f"{mon:02d}/{day:02d}/{year}",
        "date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}",
        "date2": f"{mon:02d}/{day:02d}/2024",
        "street": f"{rng.randint(10, 9999)} {rng.choice(STREETS)}",
        "city": city,
        "state": state,
        "zip": f"{rng.randint(10000, 99999)}",
        "phone": f"({rng.randint(200, 989)}) 555-{rng.randint(1000, 9999)}",
        "email": f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.net",
        "ssn": f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "acc": f"G{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
        "member": f"XK{rng.randint(100000, 999999)}",
    }


KIND_OF = {
    "first": "NAME",
    "last": "NAME",
    "FIRST_UP": "NAME",
    "LAST_UP": "NAME",
    "DOC": "NAME",
    "doclast": "NAME",
    "doc2last": "NAME",
    "mrn": "MRN",
    "acc": "MRN",
    "member": "MRN",
    "dob": "DOB",
    "date": "DATE",
    "date2": "DATE",
    "street": "ADDRESS",
    "city": "ADDRESS",
    "zip": "ZIP",
    "phone": "PHONE",
    "email": "EMAIL",
    "ssn": "SSN",
}


def build_reports(n: int = 40, seed: int = 7) -> list[tuple[str, dict[str, str], bool]]:
    """n synthetic reports: (text, planted values by field, names-from-list?)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        known = i % 2 == 0
        values = _values(rng, known)
        layout = LAYOUTS[i % len(LAYOUTS)]
        used = {k: v for k, v in values.items() if "{" + k + "}" in layout}
        out.append((layout.format(**values), used, known))
    return out


def main() -> None:
    stats: dict[str, list[int]] = {}
    over = [0, 0]
    t0 = time.perf_counter()
    for text, used, known in build_reports():
        red = redact(text).text
        for field, value in used.items():
            if field not in KIND_OF:
                continue
            kind = KIND_OF[field]
            if kind == "NAME":
                kind = "NAME (listed)" if known else "NAME (unlisted)"
            hit = value not in red
            stats.setdefault(kind, [0, 0])
            stats[kind][0] += hit
            stats[kind][1] += 1
        for word in CLINICAL:
            if word in text:
                over[1] += 1
                over[0] += word not in red
    ms = (time.perf_counter() - t0) * 1000 / 40
    rows = [[k, n, f"{hit / n:.2f}"] for k, (hit, n) in sorted(stats.items())]
    rows.append(["clinical keywords wrongly removed", over[1], f"{over[0] / max(1, over[1]):.2f}"])
    print(table(["identifier type", "planted", "recall"], rows))
    print(f"\n40 reports, {ms:.2f} ms per report")
    write_json(
        "redaction",
        {
            "recall": {k: {"planted": n, "recall": round(h / n, 3)} for k, (h, n) in stats.items()},
            "clinical_keywords_removed": over,
            "ms_per_report": round(ms, 2),
        },
    )


if __name__ == "__main__":
    main()
