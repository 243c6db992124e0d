"""CLI for personal guidance: `onconav kit`, `onconav gaps`, `onconav compare`."""

from __future__ import annotations

from pathlib import Path

import typer

from onconav.cli.common import echo_json, read_json_file, settings
from onconav.errors import InputError
from onconav.guidance.case import Case, case_from_json
from onconav.guidance.compare import Comparison, compare_plans
from onconav.guidance.data import load_guidance
from onconav.guidance.gaps import GapReport, check_gaps
from onconav.guidance.kit import Kit, build_kit
from onconav.guidance.plans import plan_text_from_file

PROFILE_HELP = "Profile JSON: the `records extract --json` output or its 'profile' object."


def _case(path: Path | None) -> Case:
    if path is None:
        return case_from_json(None)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the profile JSON file")
    return case_from_json(read_json_file(path))


def kit_text(kit: Kit) -> str:
    """The kit as plain text for the terminal."""
    lines = [f"SECOND-OPINION KIT{': ' + kit.cancer_type if kit.cancer_type else ' (general)'}", ""]
    if kit.uploads_that_help:
        lines += [
            "Uploads that would make this kit personal:",
            *[f"  - {u}" for u in kit.uploads_that_help],
            "",
        ]
    if kit.summary:
        lines.append("CASE SUMMARY")
        for s in kit.summary:
            where = "; ".join(e.label() for e in s.evidence[:2])
            lines.append(f"  {s.label}: {s.value}" + (f"  [{where}]" if where else ""))
        lines.append("")
    lines += ["BIOMARKER TESTS", *gaps_lines(kit.gaps), "", "RECORDS TO BRING"]
    lines += [f"  [{'x' if c.have else ' '}] {c.name}: {c.status}" for c in kit.checklist]
    lines += ["", "QUESTIONS TO ASK", *[f"  - {q.text}" for q in kit.questions], "", "WHERE TO GO"]
    if kit.zip_error:
        lines.append(f"  {kit.zip_error}")
    lines += [
        f"  {c.miles:6.0f} mi  {c.name} ({c.city}, {c.state}; {c.designation}; sees {c.sees})"
        for c in kit.centers
    ]
    lines += [
        f"  Specialists: {', '.join(s.role for s in kit.specialists)}",
        "",
        "TIMING",
        *[f"  {w}" for w in kit.timing.usual_wait],
        *[f"  Do not wait if: {d}" for d in kit.timing.do_not_wait],
        "",
        "LETTERS: run with --pdf OUT.pdf or --json to get the editable letters.",
        "",
        kit.disclaimer,
    ]
    return "\n".join(lines)


def gaps_lines(report: GapReport) -> list[str]:
    """The gap report as indented lines."""
    lines = [f"  {report.message}"] if report.message else []
    for i in report.items:
        extra = f": {i.result}" if i.result else ""
        where = f"  [{'; '.join(e.label() for e in i.evidence[:2])}]" if i.evidence else ""
        lines.append(f"  {i.status_label.upper():30} {i.name}{extra}{where}")
        if i.status == "not_found":
            lines.append(f"      why: {i.why}\n      ask: {i.question}")
        if i.note:
            lines.append(f"      note: {i.note}")
    if report.germline_vs_tumor:
        lines.append(f"  Tumor or inherited testing? {report.germline_vs_tumor}")
    return lines


def comparison_text(c: Comparison) -> str:
    """Two plans side by side as plain text."""
    lines = [c.note, ""]
    for r in c.rows:
        lines.append(f"{r.label}: {r.agreement_label.upper()}")
        lines.append("  A: " + (" | ".join(r.a) or "not mentioned"))
        lines.append("  B: " + (" | ".join(r.b) or "not mentioned"))
    lines += ["", "QUESTIONS FOR BOTH DOCTORS", *[f"  - {q}" for q in c.questions]]
    return "\n".join(lines)


def kit_cmd(
    profile: Path = typer.Option(None, "--profile", help=PROFILE_HELP),
    zip_code: str = typer.Option(None, "--zip", help="US ZIP code, to list the nearest cancer centers."),
    pdf: Path = typer.Option(None, "--pdf", help="Also write the printable kit to this PDF file."),
    as_json: bool = typer.Option(False, "--json", help="Print the kit as JSON."),
) -> None:
    """Second-opinion kit: case summary, records checklist, questions, letters, centers, timing."""
    kit = build_kit(_case(profile), load_guidance(settings().pack_dir), zip_code, strict_zip=True)
    if pdf is not None:
        from onconav.guidance.pdf import kit_pdf

        try:
            pdf.write_bytes(kit_pdf(kit))
        except OSError as exc:
            raise InputError(f"cannot write {pdf}: {exc.strerror}") from exc
    if as_json:
        echo_json(kit.to_json())
    else:
        typer.echo(kit_text(kit))
    if pdf is not None:
        typer.echo(f"PDF written to {pdf}", err=True)


def gaps_cmd(
    profile: Path = typer.Option(..., "--profile", help=PROFILE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Biomarker gap check: recommended tests found, not found, or not applicable at this stage."""
    report = check_gaps(_case(profile), load_guidance(settings().pack_dir))
    if as_json:
        echo_json(report.to_json())
    else:
        head = f"{report.cancer_type or 'Unknown cancer type'}; setting: {report.setting}"
        typer.echo("\n".join([head, *gaps_lines(report)]))


def compare_cmd(
    plan_a: Path = typer.Argument(..., help="First plan: a text, PDF or JSON file."),
    plan_b: Path = typer.Argument(..., help="Second plan: a text, PDF or JSON file."),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Line two treatment plans up side by side, with questions for both doctors."""
    result = compare_plans(
        plan_text_from_file(plan_a), plan_text_from_file(plan_b), load_guidance(settings().pack_dir)
    )
    if as_json:
        echo_json(result.to_json())
    else:
        typer.echo(comparison_text(result))


def register(app: typer.Typer) -> None:
    """Add `kit`, `gaps` and `compare` to the main app."""
    app.command("kit")(kit_cmd)
    app.command("gaps")(gaps_cmd)
    app.command("compare")(compare_cmd)
