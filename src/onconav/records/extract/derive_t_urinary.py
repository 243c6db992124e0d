"""Derived-T rules for the kidney and the urinary bladder (AJCC 6th-8th editions)."""

from __future__ import annotations

import re

from onconav.records.extract.base import is_negated
from onconav.records.extract.derive_common import Found, assumed, by_size, extent
from onconav.records.extract.ocr_terms import MUSCULARIS_PROPRIA, PERINEPHRIC, RENAL_SINUS

# Invasion of the pelvicalyceal system ("invades into the renal. pelvis": a line break read as a full
# stop). Reaching it ("extends to the pelvis") is not invasion.
_PELVIS_INVADED = re.compile(
    r"\b(?:invad\w*|invasive|invasion|infiltrat\w*|involv\w*|extend\w*\s+in|grows?\s+in)\s+(?:in)?(?:to\s+)?"
    r"(?:the\s+)?(?:renal\.?\s+)?(?:pelvi(?:s|calyceal|caliceal)|collecting\s+system|calyces)\b"
    r"(?!\s+(?:adipose|fat))",
    re.I,
)


def kidney(text: str, edition: int) -> Found | None:
    """Kidney: size, raised by perinephric or sinus fat, renal vein or Gerota's fascia invasion."""
    ext = extent(
        text,
        [
            ("T4", r"beyond\s+gerota|gerota'?s?\s+fascia"),
            ("T3b", r"vena\s+cava"),
            (
                "T3a",
                PERINEPHRIC + r"|" + RENAL_SINUS + r"|sinus\s+fat|renal\s+vein|segmental\s+vein|"
                r"(?:renal\s+)?pelvi[cs]\s+(?:adipose|fat)|"
                r"(?<=through\s)(?:the\s+)?(?:renal\s+)?capsule",
            ),
        ],
    )
    if ext:
        return ext
    pelvis = next(
        (m for m in _PELVIS_INVADED.finditer(text) if not is_negated(text, m.start(), m.end())), None
    )
    if pelvis and edition >= 8:
        return "T3a", pelvis.start(), pelvis.end()
    if pelvis and assumed(edition):
        return None  # pelvicalyceal invasion is T3a in the 8th edition only; the edition is not stated
    if edition < 7:
        return by_size(text, [(4.0, "T1a"), (7.0, "T1b")], "T2")
    return by_size(text, [(4.0, "T1a"), (7.0, "T1b"), (10.0, "T2a")], "T2b")


_PROSTATE_INVOLVED = re.compile(
    r"\bprostat(?:e|ic)(?:\s+gland)?\s*[:\-]\s*(?:focally\s+)?(?:involved|compromised|infiltrated|invaded|positive)",
    re.I,
)


def bladder(text: str, edition: int) -> Found | None:
    """Bladder: depth of invasion (lamina propria, muscularis propria, perivesical fat, adjacent organs).

    A prostate said to be "involved" without the route (stromal invasion is T4a, spread along the
    urethral mucosa is not) leaves the category undecided.
    """
    found = extent(
        text,
        [
            ("T4b", r"pelvic\s+wall|abdominal\s+wall"),
            ("T4a", r"prostatic\s+stroma|seminal\s+vesicles?|uterus|vagina"),
            ("T3", r"perivesic\w+|extravesic\w+|perivesical\s+(?:fat|soft\s+tissue)"),
            (
                "T2b",
                r"(?:outer|deep)\s+(?:(?:half|third|two[\s-]thirds)\s+of\s+)?(?:the\s+)?muscular(?:is)?\.?\s+"
                r"propria|muscularis\s+propria,?\s+(?:outer|deep)",
            ),
            ("T2", MUSCULARIS_PROPRIA + r"|muscular\s+propria|detrusor"),
            ("T1", r"lamina\s+propria|submucosa"),
        ],
    )
    if found and found[0] < "T4" and _PROSTATE_INVOLVED.search(text):
        return None
    return found
