"""Treatment words: drug and regimen names mapped to the classes eligibility criteria talk about."""

from __future__ import annotations

import re
from functools import lru_cache

# class key -> (label, regex of words in a case history or a criterion)
CLASSES: dict[str, tuple[str, str]] = {
    "anti_pd1": (
        "an anti-PD-1/PD-L1 drug (checkpoint inhibitor)",
        r"pembrolizumab|pembro|keytruda|nivolumab|opdivo|cemiplimab|dostarlimab|atezolizumab|durvalumab|"
        r"avelumab|tislelizumab|toripalimab|keynote[- ]?522|anti-?pd-?(?:l)?1|pd-?(?:l)?1 (?:inhibitor|"
        r"antibod\w+|blockade)|checkpoint inhibitor|immune checkpoint",
    ),
    "anti_ctla4": ("an anti-CTLA-4 drug", r"ipilimumab|tremelimumab|anti-?ctla-?4"),
    "platinum": (
        "platinum chemotherapy",
        r"cisplatin|carboplatin|oxaliplatin|carbo\b|platinum|folfox|folfirinox|"
        r"\bgdp\b|\bice\b|\bbep\b|\bvip\b|gemox|capox|xelox|\bep\b",
    ),
    "taxane": (
        "a taxane",
        r"paclitaxel|docetaxel|taxol|taxotere|nab-paclitaxel|abraxane|\bac\+?t\b|ddac\+?t",
    ),
    "anthracycline": (
        "an anthracycline",
        r"doxorubicin|epirubicin|daunorubicin|anthracycline|adriamycin|\bchop\b|"
        r"r-?chop|\bchp\b|epoch|\bac\b|ddac",
    ),
    "anti_cd20": ("an anti-CD20 antibody", r"rituximab|obinutuzumab|ofatumumab|r-?chop|r-?epoch|anti-?cd20"),
    "brentuximab": ("brentuximab vedotin", r"brentuximab|bv-?chp|\bbv\b"),
    "topo1": (
        "a topoisomerase I inhibitor",
        r"irinotecan|topotecan|sacituzumab|deruxtecan|folfiri\w*|"
        r"topoisomerase",
    ),
    "adc": (
        "an antibody-drug conjugate",
        r"t-dm1|sacituzumab|deruxtecan|enfortumab|tisotumab|vedotin|trastuzumab emtansine|"
        r"t-?dxd|antibody[- ]drug conjugate",
    ),
    "anti_her2": (
        "a HER2-directed drug",
        r"trastuzumab|pertuzumab|lapatinib|tucatinib|neratinib|t-dxd|t-dm1|anti-?her2",
    ),
    "anti_vegf": ("an anti-VEGF drug", r"bevacizumab|avastin|ramucirumab|aflibercept|anti-?vegf"),
    "parp": ("a PARP inhibitor", r"olaparib|niraparib|rucaparib|talazoparib|veliparib|parp inhibitor"),
    "endocrine": (
        "hormone therapy",
        r"tamoxifen|letrozole|anastrozole|exemestane|fulvestrant|\badt\b|lupron|"
        r"leuprolide|enzalutamide|abiraterone|androgen deprivation|apalutamide|darolutamide",
    ),
    "allo_sct": (
        "an allogeneic stem cell transplant",
        r"allo(?:geneic)?[- ]?(?:hsct|hct|sct|bmt|stem cell|transplant"
        r"\w*|bone marrow)|allo\b",
    ),
    "auto_sct": (
        "an autologous stem cell transplant",
        r"auto(?:logous)?[- ]?(?:hsct|hct|sct|stem cell|transplant\w*)|"
        r"asct",
    ),
    "car_t": ("CAR T-cell therapy", r"car[- ]?t\b|chimeric antigen receptor"),
    "radiation": (
        "radiation therapy",
        r"radiation|radiotherapy|\brt\b|chemort|\bsrs\b|sbrt|brachytherapy|"
        r"\bimrt\b|radiated",
    ),
    "surgery": ("surgery", r"resection|ectomy|excision|surgery|surgical|exenteration"),
    "chemo": (
        "chemotherapy",
        r"chemo\w*|cytotoxic|folfox|folfirinox|xeloda|capecitabine|gemcitabine|etoposide|"
        r"cisplatin|carboplatin|paclitaxel|docetaxel|topotecan|irinotecan|cyclophosphamide|romidepsin|"
        r"temozolomide|\bchop\b|\bice\b|\bgdp\b|\bbep\b|\bvip\b|pemetrexed|fluorouracil|5-?fu|"
        r"doxorubicin|ifosfamide|bleomycin|vincristine|bendamustine",
    ),
}
SYSTEMIC = (
    "anti_pd1",
    "anti_ctla4",
    "platinum",
    "taxane",
    "anthracycline",
    "anti_cd20",
    "brentuximab",
    "topo1",
    "adc",
    "anti_her2",
    "anti_vegf",
    "parp",
    "endocrine",
    "car_t",
    "chemo",
)


_COMBOS = (
    (re.compile(r"(?:fam-)?trastuzumab[- ]deruxtecan|\bt-?dxd\b|\benhertu\b", re.I), "t-dxd"),
    (re.compile(r"(?:ado-)?trastuzumab[- ]emtansine|\bt-?dm1\b|kadcyla", re.I), "t-dm1"),
    (
        re.compile(
            r"(enfortumab|sacituzumab|tisotumab|brentuximab|polatuzumab)[- ](?:vedotin|govitecan)", re.I
        ),
        r"\1",
    ),
)
_GENERIC = re.compile(
    r"\s|inhibitor|therap|based|chemo|anti|platinum|taxane|anthracycline|checkpoint|transplant|"
    r"radiation|radiotherapy|surgery|resection|ectomy|cytotoxic|conjugate|allo|auto",
    re.I,
)


def normalise(text: str) -> str:
    """Collapse two-word drug names (e.g. trastuzumab deruxtecan) into one token."""
    for rx, repl in _COMBOS:
        text = rx.sub(repl, text or "")
    return text


def drugs_in(text: str) -> set[str]:
    """Specific drug or regimen names in a text (lower case), leaving out class words."""
    text = normalise(text)
    out = {m.group(0).lower() for rx in _compiled().values() for m in rx.finditer(text)}
    return {d for d in out if not _GENERIC.search(d) and len(d) > 3}


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {k: re.compile(rf"(?<![\w-])(?:{rx})(?![\w])", re.I) for k, (_, rx) in CLASSES.items()}


def classes_in(text: str) -> set[str]:
    """Treatment classes named in a text."""
    text = normalise(text)
    return {k for k, rx in _compiled().items() if rx.search(text)}


def label(key: str) -> str:
    """Plain label of a treatment class."""
    return CLASSES[key][0]
