"""Where a report gives the tumour's greatest dimension: the patterns, OCR damage tolerated.

Labelled sizes ("Tumor size: 3.2 cm", "greatest dimension: 4 cm") come first; then a bare "Size:"
field of a tumour section, "measures 2 cm in greatest dimension", a size before or beside a tumour
word and a size in brackets after a diagnosis ("RENAL CELL CARCINOMA, GRADE 3 (6.0 CM)").
"""

from __future__ import annotations

import re

from onconav.records.extract.size_patterns import CM, DIMENSION, DIMS, GREATEST, MM, NUM, SIZE, TUMOUR

_TUMOUR_TERM = r"(?:carcinoma|" + TUMOUR + r"|mass|neoplasm|lesion|nodule)"
LABELLED = re.compile(
    r"(?:" + TUMOUR + r"\s+" + SIZE + r"|" + SIZE + r"\s+of\s+(?:the\s+)?(?:" + TUMOUR
    + r"|carcinoma|invasive\s+(?:component|carcinoma))|"
    r"(?P<generic>" + GREATEST + r")\.?\s+(?:" + TUMOUR + r"\s+|gross\s+)?" + DIMENSION + r"|"
    + TUMOUR + r"\s+sized|" + SIZE + r"\s+of\s+(?:the\s+)?largest\s+(?:invasive\s+)?(?:" + TUMOUR
    + r"|focus)|invasive\s+(?:" + TUMOUR + r"|carcinoma)\s+" + SIZE + r")"
    # the gap to the number: no digits, and no line that starts another field ("Invasion: ...")
    r"(?P<gap>(?:[^0-9.;\n]|\n(?![^\n:]{1,30}:)){0,40}?)" + DIMS,
    re.I,
)  # fmt: skip
# A gap that names another measure: the number is a depth, thickness or distance.
LABEL_GAP_BAD = re.compile(r"depth|thick|invasion|margin|distance|from|node", re.I)
# "3 cm in largest dimension": the label belongs to the size before it, not to the next number.
SIZE_BEFORE_LABEL = re.compile(r"(?:" + CM + r"|" + MM + r")\.?\s*(?:in\s+)?$", re.I)
NEAR_TUMOR = re.compile(
    _TUMOUR_TERM + r"[^.;]{0,30}?(?:measur\w*|sized?|of|spanning|is|\(|,(?!\d))\s*"
    r"(?:up\s+to\s+|approximately\s+|about\s+)?" + DIMS,
    re.I,
)
GREATEST_MEASURE = re.compile(
    r"(?:measur\w*|is|of)\s+(?:up\s+to\s+|approximately\s+|about\s+)?" + DIMS
    + r"\s*(?:\([^)]{0,30}\)\s*)?\.?\s*in\s+" + GREATEST + r"\.?\s+(?:\w+\s+)?(?:" + DIMENSION + r"|extent)",
    re.I,
)  # fmt: skip
GREATEST_CTX = re.compile(r"carcinoma|tumou?r|mass|neoplasm|lesion|melanoma|seminoma", re.I)
GREATEST_BAD = re.compile(
    r"lymph|node|metasta|leiomyoma|cyst|polyp|fragment|specimen|aggregate|ovary|uterus|stone|focus\s+(?:of|measur)",
    re.I,
)
# "the tumor in specimen D measures ...": the specimen is only where the tumour is
TUMOUR_IN_SPECIMEN = re.compile(TUMOUR + r"\s+(?:in|of)\s+(?:the\s+)?specimen", re.I)
# "(10.0 cm maximum dimension)": a size followed at once by its label, in a tumour clause
DIMS_THEN_LABEL = re.compile(DIMS + r"\s*(?:in\s+)?" + GREATEST + r"\.?\s+" + DIMENSION, re.I)
# A generic label ("maximum diameter of 7 cm") whose nearest noun is the specimen, not the tumour.
SPECIMEN_WORD = re.compile(
    r"specimen|weigh\w*|\bgrams?\b|consists?\s+of|ellipse|lymph|\bnodes?\b|fragment|aggregate|"
    r"gallbladder|stone|cyst|polyp|received|portion\s+of|\bskin\b|axillary\s+tail|fallopian|\btubes?\b|lumen|"
    r"ovary|ovaries",
    re.I,
)
TUMOUR_WORD = re.compile(r"carcinoma|" + TUMOUR + r"|mass|neoplasm|lesion|melanoma|seminoma|sarcoma", re.I)
BEFORE_NOUN = re.compile(
    r"(?:\ba|\ban)\s+(?:[a-z-]+\s+){0,2}?" + DIMS
    + r"\.?\s+(?:[a-z-]+\s+){0,2}?(?:mass|" + TUMOUR + r"|lesion|nodule|neoplasm)\b",
    re.I,
)  # fmt: skip
SIZE_FIELD = re.compile(
    r"\b" + SIZE + r"\s*(?:\((?:in\s+)?(?P<u0>cm|mm)\)\s*)?[:=]\s*(?:greatest\s+(?:dimension|diameter)\s*"
    r"(?:is\s*)?[:=]?\s*)?(?P<dims>" + NUM + r"(?:\s*(?:x|X|×|\*|by)\.?\s*" + NUM + r"){0,2})\s*"
    r"(?P<unit>" + CM + r"|" + MM + r")?\b",
    re.I,
)
FIELD_CTX = re.compile(r"tumou?r|lesion|carcinoma|mass|dominant|neoplasm", re.I)
SKIP = re.compile(
    r"(?:lymph\s+nodes?|node|margin|from\s+the|distance|specimen|fragment|gallbladder|weight|"
    r"cassette|aggregate|skin\s+ellipse|segment(?!al)|portion)[^.;]{0,25}$",
    re.I,
)
# A tumour word after "metastatic ... " or in a node statement: the size is a metastasis's.
METASTASIS_BEFORE = re.compile(r"(?:metasta\w*|lymph\s+nodes?)[^.;\n]{0,60}$", re.I)
# A size followed by these words is a distance ("0.5 cm from the margin", "0.1 cm to ink") or a depth
# or thickness ("7 mm in thickness"), not the tumour's size.
DISTANCE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:from|fr[oO0]{1,2}[mlI1n]?\b|away|to\b|beyond|deep\b|of\s+the\s+\w+|in\s+(?:thickness|depth)|"
    r"thick\w*|depth)",
    re.I,
)
# "CARCINOMA, CLEAR CELL TYPE, FUHRMAN GRADE 3 (6.0 CM)": a diagnosis line ending on the size alone.
_GAP = r"(?:[^.;()\n{]|\n(?=[^\n:]*[({]))"
DIAGNOSIS_BRACKET = re.compile(
    r"(?:carcinoma|neoplasm)" + _GAP + r"{0,80}?(?:\([^()\n]{0,20}\)" + _GAP + r"{0,60}?)?"
    r"[({]\s*" + DIMS + r"\.?\s*[)}]",
    re.I,
)
# A printed definition ("pT2: Tumor > 20 mm but <= 50 mm in greatest dimension") or a bound, not a size.
LEGEND_BEFORE = re.compile(
    r"\bp?T[0-4][a-d]?\d?\s*:[^.;\n]{0,60}$|(?:[<>≤≥]=?|\bbut|\b(?:more|less|greater)\s+than)\s*$", re.I
)
