"""Derived N by site (AJCC 7th unless the report names another edition): counts, stations, compartments."""

from __future__ import annotations

import pytest

from onconav.domain import Evidence, Fact
from onconav.records.extract import extract_facts
from onconav.records.extract.assumptions import CN0_ASSUMED
from onconav.records.extract.derive_n import derive_n
from onconav.records.extract.node_sites import lung_group, stations, thyroid_group


def _n(text: str) -> Fact | None:
    """The N read or derived from the node statements (not the staging assumption cN0)."""
    return next(
        (f for f in extract_facts(text, "r") if f.field == "tnm.n" and CN0_ASSUMED not in (f.rule or "")),
        None,
    )


def _derived(site: str, positive: int, words: list[str], edition: str | None = None) -> str | None:
    ev = [Evidence(document="r", page=None, start=0, end=len(w), text=w) for w in words]
    facts = [Fact(field="lymph_nodes.positive", value=positive, evidence=ev)]
    if edition:
        facts.append(Fact(field="tnm.edition", value=edition))
    out = derive_n(facts, site)
    return out[0].value if out else None


@pytest.mark.parametrize(
    ("words", "group"),
    [
        ("Peribronchial and hilar lymph nodes", "N1"),
        ("Lymph nodes, level 11, interlobar", "N1"),
        ("Lymph nodes, station 4R", "N2"),
        ("Level VII subcarinal lymph nodes", "N2"),
        ("Right supraclavicular lymph node", "N3"),
        ("Hilar and subcarinal lymph nodes", None),  # two groups in one count: unknown
        ("Lymph nodes", None),
    ],
)
def test_lung_station_groups(words: str, group: str | None) -> None:
    assert lung_group(words) == group


def test_station_numbers() -> None:
    assert stations("level IIB and station 10L, level seven") == {2, 10, 7}


@pytest.mark.parametrize(
    ("words", "group"),
    [
        ("Central compartment (level VI) lymph nodes", "N1a"),
        ("Left lateral neck dissection, level III", "N1b"),
        ("Right jugular lymph nodes", "N1b"),
        ("Lymph nodes", None),
    ],
)
def test_thyroid_compartments(words: str, group: str | None) -> None:
    assert thyroid_group(words) == group


def test_lung_n_from_station_of_each_positive_node() -> None:
    text = (
        "Lung, right lower lobe, lobectomy: squamous cell carcinoma. "
        "Part 2: Peribronchial lymph nodes: metastatic carcinoma in 2 of 5 lymph nodes. "
        "Part 3: Lymph nodes, level 7, subcarinal: three benign lymph nodes (0/3)."
    )
    n = _n(text)
    assert n is not None and n.value == "N1" and n.derived and "station" in (n.rule or "")
    assert any("Peribronchial" in e.text for e in n.evidence)
    mediastinal = text.replace("three benign lymph nodes (0/3)", "metastatic carcinoma in 1 of 3 lymph nodes")
    n = _n(mediastinal)
    assert n is not None and n.value == "N2"


def test_lung_positive_node_without_station_gives_nothing() -> None:
    text = "Lung, left upper lobe, lobectomy: adenocarcinoma. Metastatic carcinoma in 2 of 12 lymph nodes."
    assert _n(text) is None


def test_negative_nodes_are_n0_for_any_site() -> None:
    text = (
        "Larynx, total laryngectomy: invasive squamous cell carcinoma. "
        "Right neck: seven cervical lymph nodes, no tumor. Left neck: two cervical lymph nodes, no tumor."
    )
    n = _n(text)
    assert n is not None and n.value == "N0" and n.derived and "0 positive of 9" in (n.rule or "")


@pytest.mark.parametrize(
    "text",
    [
        "Kidney, radical nephrectomy: clear cell renal cell carcinoma. Lymph nodes: none submitted. pNX.",
        "Kidney, radical nephrectomy: clear cell renal cell carcinoma. No lymph nodes identified.",
        "Breast, lumpectomy: invasive ductal carcinoma. Sentinel lymph node: one benign lymph node (0/1). "
        "Deeper levels and keratin stains have been ordered.",
    ],
)
def test_no_n0_without_examined_negative_nodes(text: str) -> None:
    n = _n(text)
    assert n is None or n.value != "N0"


def test_colon_tumour_deposits_without_positive_nodes_are_n1c() -> None:
    base = "Sigmoid colon, resection: adenocarcinoma, pT3. Lymph nodes: 0/15. Tumor deposits: {}."
    n = _n(base.format("present"))
    assert n is not None and n.value == "N1c"
    n = _n(base.format("not identified"))
    assert n is not None and n.value == "N0"


@pytest.mark.parametrize(
    ("site", "positive", "words", "edition", "value"),
    [
        ("kidney", 2, ["Retrocaval lymph nodes: 2 of 3 lymph nodes"], None, "N1"),
        ("kidney", 2, ["Retrocaval lymph nodes: 2 of 3 lymph nodes"], "AJCC 6th", "N2"),
        ("stomach", 8, ["Lymph nodes: 8 of 12"], None, "N3a"),
        ("stomach", 8, ["Lymph nodes: 8 of 12"], "AJCC 6th", "N2"),
        ("esophagus", 4, ["Lymph nodes: 4 of 9"], None, "N2"),
        ("breast", 4, ["Level I: metastatic carcinoma in 4 of 10 lymph nodes"], None, "N2"),
        ("bladder", 1, ["Right pelvic lymph nodes: 1 of 7"], None, "N1"),
        ("bladder", 4, ["Right common iliac lymph nodes: 4 of 4"], None, "N3"),
        ("pancreas", 7, ["Peripancreatic lymph nodes: 7 of 21"], None, "N1"),
        ("thyroid", 2, ["Central compartment: 2 of 6 lymph nodes"], None, "N1a"),
        ("thyroid", 3, ["Central compartment: 1 of 6 nodes", "Left neck level IV: 2 of 9"], None, "N1b"),
        ("head neck", 2, ["Right neck dissection: 2 of 30 lymph nodes"], None, "N2b"),
        ("head neck", 2, ["Bilateral neck dissection: 2 of 30 lymph nodes"], None, "N2c"),
        ("head neck", 1, ["Right neck dissection: 1 of 30 lymph nodes"], None, None),  # size decides
        ("uterus", 2, ["Pelvic lymph nodes: 2 of 9"], None, None),  # no rule for this site
    ],
)
def test_positive_nodes_by_site(
    site: str, positive: int, words: list[str], edition: str | None, value: str | None
) -> None:
    assert _derived(site, positive, words, edition) == value


def test_uncertain_negative_count_gives_no_n() -> None:
    ev = [Evidence(document="r", page=None, start=0, end=5, text="(0/1)")]
    fact = Fact(field="lymph_nodes.positive", value=0, evidence=ev, uncertain=True)
    assert derive_n([fact], "breast") == []
