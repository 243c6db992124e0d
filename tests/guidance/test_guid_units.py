"""Units of the guidance layer: stage and setting, input checks, pending results, germline notes, edits."""

from __future__ import annotations

import pytest

from onconav.config import PROJECT_ROOT
from onconav.domain import Biomarker, Evidence, Fact, Profile, Tnm
from onconav.errors import InputError
from onconav.guidance.case import build_case, case_from_text, possible_settings, stage_roman
from onconav.guidance.data import load_guidance
from onconav.guidance.gaps import check_gaps
from onconav.guidance.kit import apply_edits, build_kit
from onconav.guidance.render import kit_body_html

DATA = load_guidance(PROJECT_ROOT / "knowledge")


def prof(code: str, **kw: object) -> Profile:
    return Profile(cancer_type={"name": code, "oncotree_code": code}, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Stage IIIA", "III"),
        ("IV", "IV"),
        ("FIGO IIIC", "III"),
        ("stage 0", "0"),
        ("Stage 4", "IV"),
        ("limited", None),
        (None, None),
    ],
)
def test_stage_roman(text: str | None, want: str | None) -> None:
    assert stage_roman(text) == want


def test_settings_from_stage_tnm_and_sites() -> None:
    assert possible_settings(Profile(), "II") == {"early"}
    assert possible_settings(Profile(tnm=Tnm(m="M1a")), None) == {"metastatic"}
    assert possible_settings(Profile(metastatic_sites=["liver"]), "III") == {"metastatic"}
    assert possible_settings(Profile(metastatic_sites=["axillary lymph nodes"]), "II") == {"early"}
    assert possible_settings(Profile(tnm=Tnm(t="T2", n="N1")), None) == {"early", "locally_advanced"}
    assert len(possible_settings(Profile(), None)) == 3


@pytest.mark.parametrize(
    "raw",
    [
        '{"cancer_type": "breast"}',
        '{"biomarkers": {"ER": "+"}}',
        '{"treatments": ["x"]}',
        '"text"',
        "{broken",
    ],
)
def test_bad_profiles_are_clear_errors(raw: str) -> None:
    with pytest.raises(InputError) as err:
        case_from_text(raw)
    assert "profile" in str(err.value) or "JSON" in str(err.value)


def test_blank_profile_text_is_the_general_case() -> None:
    assert case_from_text("  ").empty and case_from_text(b"{}").empty


def test_pending_result_is_not_found_with_a_note() -> None:
    case = build_case(prof("COAD", stage_group="III", biomarkers=[Biomarker("MSI", result="pending")]))
    item = next(i for i in check_gaps(case, DATA).items if i.test_id == "mmr_msi")
    assert item.status == "not_found" and "pending" in (item.note or "")


def test_tumor_brca_result_gets_a_germline_note() -> None:
    fact = Fact(
        "biomarker",
        {"name": "BRCA2", "result": "mutated"},
        [Evidence("ngs.pdf", 2, 0, 10, "BRCA2 c.5946delT (tumor)")],
    )
    case = build_case(
        prof("HGSOC", stage_group="IIIC", biomarkers=[Biomarker("BRCA2", result="mutated")]), [fact]
    )
    items = {i.test_id: i for i in check_gaps(case, DATA).items}
    assert items["germline"].status == "found" and "inherited" in (items["germline"].note or "")
    assert items["germline"].evidence[0].label() == "ngs.pdf p.2"


def test_unknown_cancer_type_in_data_says_so() -> None:
    report = check_gaps(build_case(prof("MESO")), DATA)
    assert report.items == [] and report.message and "no biomarker list" in report.message


def test_edits_replace_questions_and_letters_and_are_escaped() -> None:
    kit = build_kit(build_case(prof("PAAD", stage_group="IV")), DATA)
    apply_edits(
        kit, "- First <b>question</b>\n\n* Second one\n", {"slides": "Please send my slides.", "x": "y"}
    )
    assert [q.text for q in kit.questions] == ["First <b>question</b>", "Second one"]
    assert next(lt for lt in kit.letters if lt.id == "slides").body == "Please send my slides."
    html = kit_body_html(kit, editable=False)
    assert "First &lt;b&gt;question&lt;/b&gt;" in html and "<b>question" not in html


def test_letters_name_the_hospital_and_the_surgery() -> None:
    profile = prof(
        "AMPCA",
        hospital="Lakeview Regional Medical Center",
        treatments=[{"type": "surgery", "name": "whipple", "start": "2026-02-11"}],
    )
    kit = build_kit(build_case(profile), DATA, "02115")
    letters = {lt.id: lt for lt in kit.letters}
    assert (
        "Lakeview Regional Medical Center" in letters["records"].body and "164.524" in letters["records"].body
    )
    assert "whipple on 2026-02-11" in letters["slides"].body and "Dana-Farber" in letters["slides"].body
    slides = next(c for c in kit.checklist if c.id == "pathology_slides")
    assert (
        slides.status
        == "not in your uploads; ask the pathology department of Lakeview Regional Medical Center"
    )


def test_child_patient_gets_centers_that_see_children() -> None:
    kit = build_kit(build_case(prof("AML", age=7)), DATA, "38105")
    assert kit.centers and all(c.children for c in kit.centers) and kit.timing.urgent


def _marker(name: str, result: str, quote: str, doc: str = "doc-1") -> Fact:
    return Fact(
        field="biomarker",
        value={"name": name, "result": result},
        evidence=[Evidence(document=doc, page=2, start=10, end=10 + len(quote), text=quote)],
    )


def test_summary_biomarker_evidence_is_the_markers_own() -> None:
    from onconav.guidance.summary import case_summary

    facts = [_marker("ER", "positive", "ER: positive"), _marker("HER2", "positive", "HER2 (IHC): 3+")]
    profile = prof("IDC", biomarkers=[Biomarker("ER", "positive"), Biomarker("HER2", "positive")])
    items = {s.label: s for s in case_summary(build_case(profile, facts))}
    assert [e.quote for e in items["Biomarker: ER"].evidence] == ["ER: positive"]  # not HER2's ("ER" in it)
    assert [e.quote for e in items["Biomarker: HER2"].evidence] == ["HER2 (IHC): 3+"]


def test_stored_document_evidence_gets_names_and_links() -> None:
    from onconav.guidance.kit import link_documents

    facts = [_marker("ER", "positive", "ER: positive", doc="a" * 32)]
    profile = prof("IDC", biomarkers=[Biomarker("ER", "positive")])
    kit = link_documents(build_kit(build_case(profile, facts), DATA), {"a" * 32: "path.pdf"})
    ref = next(s for s in kit.summary if s.label == "Biomarker: ER").evidence[0]
    assert (ref.document, ref.doc_id, ref.page, ref.start, ref.end) == ("path.pdf", "a" * 32, 2, 10, 22)
    page = kit_body_html(kit, editable=True)
    assert f'href="/records/{"a" * 32}?page=2&amp;start=10&amp;end=22#evidence"' in page
    assert "/records/" not in kit_body_html(kit, editable=False)  # the PDF names the file, no links


def test_edited_letters_keep_their_paragraphs_with_windows_line_ends() -> None:
    kit = build_kit(build_case(Profile()), DATA)
    apply_edits(kit, None, {"referral": "Dear Dr. Lee,\r\n\r\nPlease refer me.\r\nThanks,\r\nAna"})
    html = kit_body_html(kit, editable=False)
    assert "<p>Dear Dr. Lee,</p>" in html and "<p>Please refer me.\nThanks,\nAna</p>" in html


def test_negative_results_never_count_as_present_biomarkers() -> None:
    from onconav.domain import Biomarker, Profile
    from onconav.guidance.case import Case
    from onconav.guidance.questions import _present

    profile = Profile(biomarkers=[Biomarker(name="EGFR", result="not detected"),
                                  Biomarker(name="ALK", result="negative"),
                                  Biomarker(name="BRAF", result="mutated", value="V600E")])
    case = Case.__new__(Case)
    object.__setattr__(case, "profile", profile)
    assert _present(case) == {"braf"}
