"""A printable HTML list of matched trials to bring to the oncologist (Jinja2 template)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from onconav.trials.model import TrialMatch

TEMPLATES = Path(__file__).parent / "templates"
PRINT_CSS = """
body.printable { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; color: #111; }
body.printable { line-height: 1.4; }
.printable h1 { font-size: 1.5rem; }
.printable h2 { font-size: 1.15rem; margin-top: 1.6rem; border-top: 1px solid #999; padding-top: .8rem; }
.printable .meta { color: #444; font-size: .9rem; }
.printable ul { margin: .3rem 0 .6rem 1.2rem; padding: 0; }
.printable .tag { font-size: .8rem; border: 1px solid #555; border-radius: 3px; padding: 0 .3rem; }
.printable .note { font-size: .85rem; color: #333; border: 1px solid #bbb; padding: .6rem; margin-top: 2rem; }
@media print { body.printable { margin: 0; } .printable a { color: #000; } }
"""


def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_printable(
    matches: list[TrialMatch],
    *,
    patient_label: str = "",
    zip_code: str | None = None,
    limit: int = 10,
    stylesheet: str | None = None,
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
            stylesheet=stylesheet,
            css=Markup(PRINT_CSS),  # noqa: S704 - a constant of this module
        )
    )
