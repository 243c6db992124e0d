"""Derived T, N and stage group, and the newer TNM/size/receptor wordings, on synthetic snippets."""

from __future__ import annotations

import pytest

from onconav.domain import Fact
from onconav.records.extract import extract_facts, extract_profile_from_text


def _one(facts: list[Fact], field: str) -> Fact | None:
    return next((f for f in facts if f.field == field), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thyroid, total thyroidectomy: papillary thyroid carcinoma. Tumor size: 1.4 cm. "
            "Extrathyroidal extension: present, into perithyroidal fat.",
            "T3",
        ),
        (
            "Thyroid lobectomy: papillary carcinoma of thyroid, 1.4 cm. "
            "Extrathyroidal extension: not identified.",
            "T1b",
        ),
        (
            "Liver, partial hepatectomy: hepatocellular carcinoma. Tumor number: one. Tumor size: 3 cm. "
            "Portal vein invasion: no. Microvessel invasion: no.",
            "T1",
        ),
        (
            "Liver segmentectomy: hepatocellular carcinoma, solitary, 4 cm. Vascular invasion: present.",
            "T2",
        ),
        (
            "Cervix, radical hysterectomy: invasive squamous cell carcinoma of the cervix. "
            "Tumor size: 3 x 2 cm. "
            "Parametrial invasion: absent.",
            "T1b1",
        ),
        (
            "Cervix, radical hysterectomy: squamous cell carcinoma of the cervix. Tumor size: 3 cm. "
            "The carcinoma extends into the right parametrium.",
            "T2b",
        ),
        (
            "Prostate and seminal vesicles, radical prostatectomy: prostatic adenocarcinoma, Gleason 4+3=7. "
            "Extraprostatic extension: present. Seminal vesicle invasion: not identified.",
            "T3a",
        ),
        (
            "Radical prostatectomy: prostatic adenocarcinoma, Gleason 4+4=8. Tumor invades the left seminal "
            "vesicle. Extraprostatic extension: present.",
            "T3b",
        ),
        (
            "Left testis, radical orchiectomy: seminoma limited to the testis. Lymphovascular invasion: "
            "not identified.",
            "T1",
        ),
        (
            "Left adrenal gland, adrenalectomy: adrenal cortical carcinoma. Tumor size: 7.5 x 6 x 5 cm. "
            "Extra-adrenal extension: not identified.",
            "T2",
        ),
        (
            "Uterus, hysterectomy: endometrioid adenocarcinoma of the endometrium invading the inner half "
            "of the myometrium.",
            "T1a",
        ),
        (
            "Kidney, radical nephrectomy: clear cell renal cell carcinoma, 3.9 cm. The tumor does not invade "
            "into the perinephric adipose tissue or renal vein.",
            "T1a",
        ),
        (  # through the renal capsule is perinephric tissue: T3a ("not beyond Gerota's fascia")
            "Kidney, nephrectomy: clear cell renal cell carcinoma. Tumor size: 5.5 cm. The tumor extends "
            "through the capsule but is confined within Gerota's fascia.",
            "T3a",
        ),
        (
            "Kidney, nephrectomy: clear cell renal cell carcinoma. Tumor size: 5.5 cm. The tumor extends "
            "into but not through the renal capsule.",
            "T1b",
        ),
    ],
)
def test_derived_t_by_site(text: str, expected: str) -> None:
    facts = extract_facts(text, "r")
    t = _one(facts, "tnm.t")
    assert t is not None and t.value == expected
    assert t.derived and t.rule and "assumed" in t.rule  # no edition stated: 7th assumed and said so


def test_cannot_know_gives_nothing() -> None:
    liver = (
        "Liver, hepatectomy: hepatocellular carcinoma, 3 cm, one nodule."  # vascular invasion not addressed
    )
    biopsy = (
        "Prostate, needle biopsy: prostatic adenocarcinoma, Gleason 3+3=6, extraprostatic extension present."
    )
    for text in (liver, biopsy):
        assert _one(extract_facts(text, "r"), "tnm.t") is None


def test_edition_8_from_report_year() -> None:
    text = "Report date 2021-03-02. Thyroid lobectomy: papillary thyroid carcinoma, tumor size: 1.5 cm. " + (
        "Extrathyroidal extension: present (minimal)."
    )
    t = _one(extract_facts(text, "r"), "tnm.t")
    assert t is not None and t.value == "T1b" and "8th" in (t.rule or "")


def test_stated_edition_used() -> None:
    text = "Lung, lobectomy: adenocarcinoma of lung. Tumor size: 2.5 cm. Staging per AJCC 8th edition."
    t = _one(extract_facts(text, "r"), "tnm.t")
    assert t is not None and t.value == "T1c" and "assumed" not in (t.rule or "")


def test_worded_t_stage_form() -> None:
    profile, facts = extract_profile_from_text(
        "Breast, mastectomy: infiltrating ductal carcinoma. T Stage: 2 N Stage: 0 M Stage: 0"
    )
    assert (profile.tnm.t, profile.tnm.n, profile.tnm.m) == ("T2", "N0", "M0")
    assert not _one(facts, "tnm.t").derived  # type: ignore[union-attr]


def test_two_primaries_prefers_mentions_near_the_primary_site() -> None:
    text = (
        "Urinary bladder, cystoprostatectomy: invasive high grade urothelial carcinoma of the bladder "
        "with invasion of the perivesical fat. Urothelial carcinoma stage: pT3a, pN0. "
        "Prostate: incidental prostatic adenocarcinoma, Gleason 3+3=6. Prostate stage: pT2a, pN0. "
        "Prostate stage, repeated: pT2a."
    )
    profile, _ = extract_profile_from_text(text)
    assert profile.primary_site == "bladder"
    assert profile.tnm.t == "T3a"


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Sigmoid colon, resection: adenocarcinoma, pT3. Number of lymph nodes examined: 14. "
         "Number of lymph nodes positive: 2.", "N1b"),
        ("Breast, mastectomy: invasive ductal carcinoma, pT2. Lymph nodes examined: 12. "
         "Positive lymph nodes: 5.", "N2"),
        ("Lung, lobectomy: squamous cell carcinoma, pT2a. Lymph nodes: 0/9 positive for metastasis.", "N0"),
    ],
)  # fmt: skip
def test_n_from_node_counts(text: str, n: str) -> None:
    facts = extract_facts(text, "r")
    f = _one(facts, "tnm.n")
    assert f is not None and f.value == n and f.derived and "positive of" in (f.rule or "")


def test_n_not_derived_where_count_does_not_decide() -> None:
    lung = "Lung, lobectomy: adenocarcinoma, pT2a. Lymph nodes examined: 10. Lymph nodes positive: 3."
    assert _one(extract_facts(lung, "r"), "tnm.n") is None  # lung N depends on node station
    summed = "Sigmoid colon: adenocarcinoma, pT3. Pericolic lymph nodes (2/7). Mesenteric lymph nodes (3/6)."
    n = _one(extract_facts(summed, "r"), "tnm.n")  # two specimens: 5 positive nodes
    assert n is not None and n.value == "N2a"
    repeated = summed + " Summary: metastatic carcinoma in 5 of 13 lymph nodes."
    n = _one(extract_facts(repeated, "r"), "tnm.n")  # a total restated is not added again
    assert n is not None and n.value == "N2a"


def test_stage_group_derived_from_stated_or_assumed_m() -> None:
    m0 = "Sigmoid colon, resection: adenocarcinoma. Staging: pT3 pN1b cM0."
    p, facts = extract_profile_from_text(m0)
    stage = _one(facts, "stage_group")
    assert p.stage_group == "Stage IIIB" and stage is not None and stage.derived
    assert "cM0 assumed" not in (stage.rule or "")
    m1 = "Right kidney: clear cell renal cell carcinoma. Staging: pT1b pN0 pM1."
    assert extract_profile_from_text(m1)[0].stage_group == "Stage IV"
    mx = "Sigmoid colon, resection: adenocarcinoma. Staging: pT3 pN0 pMX."
    p, facts = extract_profile_from_text(mx)  # MX says nothing: M0 is assumed and the group says so
    stage = _one(facts, "stage_group")
    assert p.stage_group == "Stage IIA" and stage is not None and "cM0 assumed" in (stage.rule or "")


@pytest.mark.parametrize(
    ("text", "cm"),
    [
        ("Breast: invasive ductal carcinoma measuring 2.3 cm in largest dimension.", 2.3),
        ("Lung: adenocarcinoma forming a peripheral 2.1 x 2 x 1 cm mass.", 2.1),
        ("Floor of mouth: squamous cell carcinoma. Tumor size (in cm): 3 X 3 X 2.", 3.0),
        (
            "Thyroid: dominant tumor. Location: left lobe. Size = 6.2 cm. Second tumor focus. Size = 0.4 cm.",
            6.2,
        ),
    ],
)
def test_size_wordings(text: str, cm: float) -> None:
    assert extract_profile_from_text(text)[0].tumor_size_cm == cm


def test_size_ignores_lymph_node_dimension() -> None:
    text = "Breast: invasive ductal carcinoma. The largest lymph node measures 1.2 cm in greatest dimension."
    assert extract_profile_from_text(text)[0].tumor_size_cm is None


def test_receptors_listed_after_result_and_zero_percent() -> None:
    p, _ = extract_profile_from_text(
        "Left breast: invasive ductal carcinoma. The tumor cells are negative for ER and PR and positive "
        "for HER2 by immunohistochemistry."
    )
    got = {b.name: b.result for b in p.biomarkers}
    assert got["ER"] == "negative" and got["PR"] == "negative"
    p, _ = extract_profile_from_text(
        "Right breast: invasive lobular carcinoma. Progesterone receptor: 0% positive cells. "
        "Estrogen receptor: 90% positive cells."
    )
    got = {b.name: b.result for b in p.biomarkers}
    assert got["PR"] == "negative" and got["ER"] == "positive"


def test_reference_range_is_not_a_result() -> None:
    p, _ = extract_profile_from_text(
        "Breast: invasive ductal carcinoma. Hormone receptors pending. Reference ranges: ER/PR negative <1%."
    )
    assert not [b for b in p.biomarkers if b.name in ("ER", "PR")]
