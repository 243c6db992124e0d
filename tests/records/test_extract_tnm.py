"""TNM, stage and derived-T extraction on synthetic report snippets."""

from __future__ import annotations

import pytest

from onconav.records.extract import extract_facts, extract_profile_from_text


def _by(facts, field):  # type: ignore[no-untyped-def]
    return [f for f in facts if f.field == field]


@pytest.mark.parametrize(
    ("text", "t", "n", "m"),
    [
        ("Final staging: pT2 pN1a pM0.", "T2", "N1a", "M0"),
        ("TNM: pT2NOMX (letter O read for zero).", "T2", "N0", "MX"),
        ("AJCC stage pT 3 N1b.", "T3", "N1b", None),
        ("Pathologic stage: ypT1b(m) pN0(sn).", "T1b", "N0", None),
        ("Summary: pTlc pNO (OCR noise).", "T1c", "N0", None),
        ("Primary tumor (pT): pTis.", "Tis", None, None),
        ("Stage: pTX pNX.", "TX", "NX", None),
        ("Clinical: T3 N1b M0 by imaging.", "T3", "N1b", "M0"),
        ("forming a 2.5 cm mass (AJCCpt2). Margins negative.", "T2", None, None),
        ("with available material, AJCCpT1pN2. Lymph nodes positive.", "T1", "N2", None),
        ("Grade: 3. T. Stage: 2 N Stage: 0 M Stage: 0 Treatment: none.", "T2", "N0", "M0"),
        ("Pathologic T. Pathologic N. Size. 6.00. T2,NOS. N1. M0.", "T2", "N1", "M0"),
        ("Size (cm). 1.5. T1. M0. Comments.", "T1", None, "M0"),
    ],
)
def test_tnm_variants(text: str, t: str, n: str | None, m: str | None) -> None:
    profile, facts = extract_profile_from_text("Adenocarcinoma of the colon. " + text)
    assert profile.tnm.t == t
    stated_n = [f.value for f in _by(facts, "tnm.n") if not f.derived]
    assert (stated_n[0] if stated_n else None) == n
    assert profile.tnm.n == ("N0" if n in (None, "NX") else n)  # no usable N: cN0 is assumed, marked
    stated_m = [f.value for f in _by(facts, "tnm.m") if not f.derived]
    assert (stated_m[0] if stated_m else None) == m
    assert profile.tnm.m == ("M0" if m in (None, "MX") else m)  # no usable M: cM0 is assumed, marked
    tf = _by(facts, "tnm.t")[0]
    ev = tf.evidence[0]
    assert ev.text.replace(" ", "").lower().endswith(t[1:].lower().replace("x", "x")[-1])
    assert not tf.derived


@pytest.mark.parametrize(
    "text",
    [
        "The patient is 2 weeks post op; pt2 visits planned.",  # lower-case "pt" is a patient, not a T
        "Blocks T1-T4 submitted for sections.",
    ],
)
def test_lower_case_and_block_names_are_not_t(text: str) -> None:
    profile, _ = extract_profile_from_text("Adenocarcinoma of the colon. " + text)
    assert profile.tnm.t is None


def test_prefix_and_edition() -> None:
    profile, _ = extract_profile_from_text(
        "Invasive ductal carcinoma. ypT2 ypN1 (AJCC 8th edition). Stage IIB."
    )
    assert profile.tnm.prefix == "yp"
    assert profile.tnm.edition == "AJCC 8th"
    assert profile.stage_group == "Stage IIB"


def test_evidence_points_at_exact_words() -> None:
    text = "Lung, right upper lobe: adenocarcinoma. Staging pT1b pN0."
    facts = extract_facts(text, "doc.pdf", page=2)
    tf = _by(facts, "tnm.t")[0]
    ev = tf.evidence[0]
    assert text[ev.start : ev.end] == ev.text == "pT1b"
    assert ev.document == "doc.pdf" and ev.page == 2


def test_not_a_tnm_mention() -> None:
    text = (
        "MRI T2-weighted images show a mass. Blocks T1-4, tumor. Code T56000. Squamous carcinoma of tongue."
    )
    assert _by(extract_facts(text, "x"), "tnm.t") == [] or all(
        f.derived for f in _by(extract_facts(text, "x"), "tnm.t")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left breast, lumpectomy: invasive ductal carcinoma. Tumor size: 1.6 x 1.2 x 1.0 cm.", "T1c"),
        ("Left breast mastectomy: invasive lobular carcinoma, greatest dimension 6.5 cm.", "T3"),
        ("Right kidney, nephrectomy: clear cell renal cell carcinoma. Tumor size: 5.5 cm.", "T1b"),
        (
            "Kidney, radical nephrectomy: clear cell renal cell carcinoma, 3 cm. "
            "Tumor invades perinephric fat.",
            "T3a",
        ),
        (
            "Colon, sigmoid, resection: adenocarcinoma. Tumor invades through the muscularis propria into "
            "pericolic fat.",
            "T3",
        ),
        ("Stomach, gastrectomy: adenocarcinoma. Tumor extent: submucosa.", "T1b"),
        ("Urinary bladder, cystectomy: urothelial carcinoma invading the perivesical fat.", "T3"),
        ("Skin, back: malignant melanoma. Breslow thickness: 2.5 mm. Ulceration: present.", "T3b"),
        ("Thyroid, total thyroidectomy: papillary thyroid carcinoma. Tumor size: 1.5 cm.", "T1b"),
        (
            "Right lung lower lobe lobectomy: squamous cell carcinoma, tumor size 2.5 cm. AJCC 8th edition.",
            "T1c",
        ),
        (
            "Right lung lower lobe lobectomy: squamous cell carcinoma, tumor size 2.5 cm.",
            "T1b",
        ),  # 7th assumed
        (
            "Pancreas, Whipple: ductal adenocarcinoma of the pancreas. Tumor size: 3.1 cm. "
            "Tumor is limited to the pancreas.",
            "T2",
        ),  # 7th assumed: T2 needs the tumour limited to the pancreas
        (
            "Tongue, partial glossectomy: squamous cell carcinoma. Tumor size: 1.5 cm. "
            "Depth of invasion: 7 mm. Staged per AJCC 8th edition.",
            "T2",
        ),
    ],
)
def test_derived_t(text: str, expected: str) -> None:
    profile, facts = extract_profile_from_text(text)
    tf = _by(facts, "tnm.t")[0]
    assert profile.tnm.t == expected
    assert tf.derived and tf.rule and "AJCC" in tf.rule


def test_negated_extent_does_not_raise_t() -> None:
    text = (
        "Kidney, nephrectomy: clear cell renal cell carcinoma. Tumor size: 3.0 cm. The tumor does not "
        "invade into the perinephric fat."
    )
    assert extract_profile_from_text(text)[0].tnm.t == "T1a"


def test_unknown_t_stays_null() -> None:
    profile, facts = extract_profile_from_text("Prostate, biopsy: adenocarcinoma, Gleason score 3 + 4 = 7.")
    assert profile.tnm.t is None
    assert profile.grade == "Gleason 3+4=7"


def test_empty_text_gives_empty_profile() -> None:
    for text in ("", "   ", "\f\f", "III 1111 II"):
        profile, facts = extract_profile_from_text(text)
        assert facts == [] and profile.is_empty()


def test_printed_checklist_without_a_ticked_box_gives_no_stated_t() -> None:
    text = (
        "Hepatocellular carcinoma, 4 cm. Primary Tumor (pT): pTX: Cannot be assessed  pT0: No evidence of "
        "primary tumor  pT1: Solitary tumor without vascular invasion  pT4: Tumor(s) with direct invasion "
        "of adjacent organs other than the gallbladder."
    )
    profile, facts = extract_profile_from_text(text)
    t_facts = _by(facts, "tnm.t")
    assert all(f.derived for f in t_facts)  # nothing read from the printed definitions
    assert profile.tnm.t != "T4"  # the form's words "direct invasion of adjacent organs" are not findings


def test_one_definition_line_is_the_answer() -> None:
    profile, _ = extract_profile_from_text(
        "Hepatocellular carcinoma. Primary tumor (pT): pT2: Solitary tumor with vascular invasion."
    )
    assert profile.tnm.t == "T2"


@pytest.mark.parametrize(
    ("text", "t"),
    [
        ("Urothelial carcinoma. Pathologic stage: BLADDER: pTis,T3bN0MX  PROSTATE: pT2aN0MX", "T3b"),
        ("Urothelial carcinoma of the bladder, pT2a. Assay validated for pTa-T3 N0 tumours.", "T2a"),
        ("Squamous cell carcinoma of the tongue, 2.5 cm. Tumor thickness (pT1 and pT2 tumors): 6 mm.", "T2"),
    ],
)
def test_ranges_lists_and_second_organ_staging(text: str, t: str) -> None:
    profile, _ = extract_profile_from_text(text)
    assert profile.tnm.t == t


def test_hedged_higher_category_is_not_taken() -> None:
    profile, _ = extract_profile_from_text(
        "Adenocarcinoma of the colon. AJCC pathologic stage: at least pT3, cannot exclude pT4 pN2."
    )
    assert profile.tnm.t == "T3"
