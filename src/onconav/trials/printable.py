"""A printable HTML list of matched trials to bring to the oncologist (Jinja2 template)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from onconav.trials.model import TrialMatch

TEMPLATES = Path(__file__).parent / "templates"


def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_printable(
    matches: list[TrialMatch], *, patient_label: str = "", zip_code: str | None = None, limit: int = 10
) -> str:
    """HTML page: each trial, why it may fit, what is unknown and how to find out, what rules it out."""
    shown = [m for m in matches if m.eligibility != "ineligible"][:limit]
    ruled_out = [m for m in matches if m.eligibility == "ineligible"][:limit]
    return (
        _env()
        .get_template("trials_printable.html")
        .render(
            shown=shown,
            ruled_out=ruled_out,
            patient_label=patient_label,
            zip_code=zip_code,
            today=date.today().isoformat(),
        )
    )
