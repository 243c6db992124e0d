"""Regular expressions for lymph node statements (see node_statements.py for how they are used)."""

from __future__ import annotations

import re

from onconav.records.extract.node_numbers import NUM

_I = re.I
_GAP = r"(?:(?!of\b|out\b|and\b|with\b|in\b)[a-z(][\w()/#-]*[\s.,]+)"  # a word naming the node group
_NODES = r"(?=[lrn])(?:lymph[\s.]+|regional[\s.]+)?(?:nodes?|LNs?)\b"
_TUMOUR = r"(?:metasta\w*|tumou?r|malignan\w*|carcinoma|neoplas\w*|cancer|disease|melanoma|seminoma)"
_NEG_STATUS = (
    r"(?:negative|free\s+of|benign|uninvolved|not\s+involved|no\s+(?:evidence\s+of\s+)?(?:metastatic\s+)?"
    + _TUMOUR
    + r"|without\s+(?:evidence\s+of\s+)?"
    + _TUMOUR
    + r"|(?:metasta\w*\s+)?(?:carcinoma|tumou?r|malignancy|disease)\s+not\s+(?:identified|seen|present))"
)

OF = re.compile(
    rf"\b(?P<p>{NUM})\s*(?:\(\d+\)\s*)?(?:out\s+of|of|out)\s+(?:the\s+|all\s+)?(?P<e>{NUM})\s*(?:\(\d+\)\s*)?\)?"
    rf"[\s.,]+{_GAP}{{0,5}}?{_NODES}",
    _I,
)
LABEL_OF = re.compile(
    rf"\blymph\s+nodes?\s*(?:\([^)]{{0,25}}\))?\s*[:=-]\s*(?P<p>{NUM})\s+(?:out\s+)?of\s+(?P<e>{NUM})\b",
    _I,
)
LIST = re.compile(rf"{_NODES}[^()]{{0,40}}?\((?P<items>[^()]{{5,160}})\)", _I)
LIST_ITEM = re.compile(rf"\b(?P<p>{NUM})\s+(?:out\s+)?of\s+(?P<e>{NUM})\b[^,;)]{{0,60}}", _I)
WHICH = re.compile(
    rf"\b(?P<e>{NUM})\s+{_GAP}{{0,3}}?{_NODES}[\s,]+of\s+which\s+(?P<p>{NUM})\s+"
    r"(?:\w+\s+){0,2}?(?:contains?|are|is|shows?|with|ha[sd]|have|were|was|positive|involved)",
    _I,
)
FRACTION = re.compile(r"(?<![\w/.,])(?P<p>\d{1,2})\s*/\s*(?P<e>\d{1,3})(?![\w/+,]|\.\d)")
FRACTION_NODE_BEFORE = re.compile(r"(?:nodes?|LNs?|nodal)\b[^;]{0,70}$", _I)
FRACTION_NODE_AFTER = re.compile(r"^\)?\s*(?:lymph\s+)?(?:nodes?|LNs?)\b", _I)
FRACTION_NOT_NODES = re.compile(
    r"(?:score|grade|page|p\.|ratio|mitos\w*|hpf|segments?|cassettes?|blocks?|slides?|levels?)\s*[:=]?\s*$",
    _I,
)
NEG_COUNT_AFTER = re.compile(
    rf"\b(?P<e>{NUM})\s*(?:\(\d+\)\s*)?{_GAP}{{0,4}}?{_NODES}(?:\s*\([^)]{{0,30}}\))?[\s,;:.-]*"
    rf"(?:(?:are|is|were|all|show|shows|showing)\s+)*{_NEG_STATUS}",
    _I,
)
NEG_COUNT_ADJ = re.compile(
    rf"\b(?P<e>{NUM})\s*(?:\(\d+\)\s*)?(?:[a-z-]+\s+){{0,2}}?(?:benign|negative|reactive|uninvolved|"
    rf"tumou?r[\s-]free|unremarkable)\s+(?:[a-z-]+[\s.]+){{0,2}}?{_NODES}",
    _I,
)
NEG_IN = re.compile(
    rf"(?:\bno|\bnegative\s+for)\s+(?:evidence\s+of\s+)?(?:metastatic\s+)?{_TUMOUR}\s+(?:(?:is|are|was|were)\s+)?"
    r"(?:(?:identified|seen|present|noted|found)\s+)?(?:in|within)\s+(?:the\s+)?(?:multiple\s+|all\s+|any\s+(?:of\s+)?)?"
    rf"(?:the\s+)?(?:\(?(?P<e>{NUM})\)?\s+)?{_GAP}{{0,6}}?{_NODES}",
    _I,
)
NEG_BARE = re.compile(
    rf"{_NODES}(?:\s*\([^)]{{0,30}}\))?\s*[,:;-]?\s*(?:(?:are|is|were|all)\s+)*{_NEG_STATUS}",
    _I,
)
POS_WORDS = re.compile(
    rf"(?=[mctslrn])(?:(?:metasta\w*|carcinoma|tumou?r|melanoma|seminoma)\s+(?:[\w-]+[\s.]+){{0,4}}?(?:in|to|involving|within)"
    rf"\s+(?:[\w()-]+[\s.]+){{0,4}}?{_NODES}|{_NODES}\s*[:,-]\s*(?:positive|involved|metastatic)\b|"
    r"\bnodal\s+metasta\w+\s*(?::\s*)?(?:present|identified|yes)|\bmetastatic\s+(?:lymph\s+)?nodes?\b)",
    _I,
)
_LABEL_TAIL = rf"\s*(?:\([^)]{{0,25}}\))?\s*[:=]\s*(?P<n>{NUM})\b"
POS_LABEL = re.compile(
    r"(?=[nlpm])(?:number\s+(?:of\s+)?(?:(?:metastatic|positive|involved)\s+(?:lymph\s+)?nodes|(?:lymph\s+)?(?:nodes\s+)?(?:with\s+(?:metastas[ie]s|metastatic\s+\w+|tumou?r)|"
    r"positive(?:\s+for\s+\w+)?|involved(?:\s+by\s+\w+)?))|(?:lymph\s+)?nodes?\s+(?:involved|positive|"
    r"with\s+(?:metastas[ie]s|metastatic\s+\w+|tumou?r))|positive\s+(?:lymph\s+)?nodes)" + _LABEL_TAIL,
    _I,
)
EXAM_LABEL = re.compile(
    r"(?=[nlt])(?:number\s+(?:of\s+)?(?:lymph\s+)?(?:nodes\s+)?(?:examined|identified|sampled|retrieved|recovered|"
    r"evaluated|resected)|(?:lymph\s+)?nodes\s+(?:examined|sampled|identified|retrieved|recovered)|"
    r"total\s+(?:number\s+of\s+)?(?:lymph\s+)?nodes(?:\s+(?:examined|sampled))?)" + _LABEL_TAIL,
    _I,
)
BEFORE_NUMBER_NOT_COUNT = re.compile(
    r"(?:level|station|stn|group|part|page|pg\.?|p\.|no\.?|#|zone|area)\s*$", _I
)
DEPOSITS = re.compile(
    rf"tumou?r\s+deposits?(?:\s*\(s\))?(?:\s+in\s+[\w\s]{{0,40}}?)?\s*[:-]?\s*(?:(?:are|is)\s+)?(?:present|identified|yes)\b|"
    rf"\b{NUM}\s+(?:[\w-]+\s+){{0,2}}?tumou?r\s+deposits?\s+(?:(?:are|is)\s+)?(?:present|identified|seen)|"
    r"non-?lymph\s+node\s+(?:peri\w+\s+)?tumou?r(?:\s+nodules?)?\s*[:-]?\s*(?:(?:are|is)\s+)?(?:present|identified)",
    _I,
)
PENDING_WORDS = ("ordered", "pending", "follow", "progress")
PENDING = re.compile(
    r"(?:recuts?|deeper\s+(?:levels?|sections?)|levels|special\s+stains?|immunostains?|immunohisto\w+|"
    r"keratin\s+stains?)\s+(?:[\w-]+\s+){0,4}?(?:ordered|pending|to\s+follow|will\s+follow|in\s+progress)|"
    r"addendum\s+(?:report\s+)?(?:to\s+follow|will\s+follow)",
    _I,
)
