"""`onconav trials ...`: import, sync, match, list, show, print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from onconav.cli.common import echo_json, read_json_file, read_jsonl, settings, warn
from onconav.errors import InputError
from onconav.trials import service
from onconav.trials.model import TrialMatch

trials_app = typer.Typer(no_args_is_help=True, help="Find clinical trials that fit a profile, with reasons.")


@trials_app.command("import")
def import_cmd(
    paths: list[Path] = typer.Argument(..., help="ClinicalTrials.gov v2 or TrialBench JSON files/folders"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Import trials from files or folders into the local store."""
    store = service.open_store(settings())
    count, problems = service.import_paths(store, paths)
    for p in problems:
        warn(f"skipped: {p}")
    if as_json:
        echo_json({"imported": count, "problems": problems, "total": store.count()})
    else:
        typer.echo(f"imported {count} trial(s); {store.count()} stored; {len(problems)} file(s) skipped")


@trials_app.command("sync")
def sync_cmd(
    condition: str = typer.Option(None, "--condition", "-c"),
    term: str = typer.Option(None, "--term"),
    location: str = typer.Option(None, "--location"),
    status: list[str] = typer.Option(["RECRUITING"], "--status", help="overall status filter (repeatable)"),
    max_pages: int = typer.Option(5, "--max-pages"),
) -> None:
    """Refresh stored trials from ClinicalTrials.gov (ONCONAV_CTGOV_URL sets the base URL)."""
    cfg = settings()
    n = service.sync(
        service.open_store(cfg),
        cfg,
        condition=condition,
        term=term,
        location=location,
        statuses=status,
        max_pages=max_pages,
    )
    typer.echo(f"synced {n} trial(s) from {cfg.ctgov_base_url}")


def _print_matches(matches: list[TrialMatch], top: int) -> None:
    for m in matches[:top]:
        site = m.nearest_site
        where = ""
        if site:
            dist = f" ({site.distance_miles:.0f} mi)" if site.distance_miles is not None else ""
            where = f"\n     nearest site: {site.facility}, {site.city}{dist}"
        typer.echo(f"{m.rank:>3}. {m.trial.nct_id} [{m.eligibility}] {m.trial.title[:90]}{where}")
        for r in m.reasons[:2]:
            typer.echo(f"     ruled out by: {r[:150]}")
        unknown = [c for c in m.criteria if c.verdict == "unknown" and c.kind not in {"consent", "other"}]
        for c in unknown[:2]:
            typer.echo(f"     unknown (criterion {c.index}): {c.settle}")


@trials_app.command("match")
def match_cmd(
    profile: Path = typer.Option(None, "--profile", help="profile JSON (records extract --json)"),
    batch: Path = typer.Option(None, "--batch", help="JSONL, one case summary per line"),
    text_field: str = typer.Option("text", "--text-field"),
    zip_code: str = typer.Option(None, "--zip"),
    status: str = typer.Option("any", "--status"),
    sort: str = typer.Option("score", "--sort"),
    limit: int = typer.Option(0, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
    top: int = typer.Option(10, "--top"),
    html: Path = typer.Option(None, "--html", help="also write a printable HTML list here"),
) -> None:
    """Match a profile (or a batch of case summaries) against every stored trial, best first."""
    if (profile is None) == (batch is None):
        raise InputError("give exactly one of --profile FILE.json or --batch FILE.jsonl")
    cfg = settings()
    store = service.open_store(cfg)
    if store.count() == 0:
        raise InputError(
            "no trials stored yet: run `onconav trials import PATH` or `onconav trials sync` first"
        )
    opts = service.options(zip_code, status, sort, limit or None)
    if profile is not None:
        data = read_json_file(profile)
        matches = service.match_profile(store, data, opts, text=_summary(data))
        _emit(str(profile.stem), matches, as_json, top, html, zip_code)
        return
    for n, row in enumerate(read_jsonl(batch), 1):
        text = row.get(text_field)
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{batch}:{n}: no text in field '{text_field}'")
        _emit(
            row.get("id", row.get("patient_id", n)),
            service.match_text(store, text, opts),
            as_json,
            top,
            None,
            zip_code,
        )


def _summary(data: Any) -> str:
    if isinstance(data, dict):
        for key in ("summary", "text", "patient_summary"):
            if isinstance(data.get(key), str):
                return str(data[key])
    return ""


def _emit(
    case_id: Any, matches: list[TrialMatch], as_json: bool, top: int, html: Path | None, zip_code: str | None
) -> None:
    if html is not None:
        from onconav.trials.printable import render_printable

        html.write_text(render_printable(matches, zip_code=zip_code), encoding="utf-8")
    if as_json:
        echo_json(service.case_json(case_id, matches))
    else:
        typer.echo(f"== {case_id}: {len(matches)} trial(s) judged")
        _print_matches(matches, top)


@trials_app.command("list")
def list_cmd(
    status: str = typer.Option(None, "--status"),
    limit: int = typer.Option(50, "--limit"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List stored trials."""
    rows = service.open_store(settings()).rows(status, limit)
    if as_json:
        echo_json(
            [
                {"nct_id": r.nct_id, "title": r.title, "status": r.status, "last_update": r.last_update}
                for r in rows
            ]
        )
        return
    for r in rows:
        typer.echo(f"{r.nct_id}  {r.status:<24} {r.title[:80]}")


@trials_app.command("show")
def show_cmd(nct_id: str, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show one stored trial with its parsed criteria."""
    pt = service.open_store(settings()).get(nct_id)
    if as_json:
        echo_json({"trial": pt.trial.to_json(), "criteria": [c.to_json() for c in pt.criteria]})
        return
    t = pt.trial
    typer.echo(
        f"{t.nct_id}: {t.title}\nstatus: {t.status}  phases: {', '.join(t.phases)}  sites: {len(t.sites)}"
    )
    for c in pt.criteria:
        typer.echo(f"  [{c.section[:3]} {c.index:>2} {c.kind}] {c.text[:110]}")


def register(app: typer.Typer) -> None:
    """Add the `trials` group to the main app."""
    app.add_typer(trials_app, name="trials")
