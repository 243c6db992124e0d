"""`onconav records extract`: parse files (or a JSONL batch of texts) and print a cited profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from onconav.cli.common import echo_json, read_jsonl, settings
from onconav.errors import InputError

records_app = typer.Typer(no_args_is_help=True, help="Read medical records into a cited clinical profile.")


def _summary(out: dict[str, Any]) -> None:
    """Print a readable profile and where each fact came from."""
    for d in out["documents"]:
        status = (
            f"error: {d['error']}"
            if d.get("error")
            else f"{d['kind']}, {d['pages']} page(s)" + (", OCR" if d.get("ocr") else "")
        )
        typer.echo(f"- {d['file']}: {status}")
    p = out["profile"]
    ct = p.get("cancer_type") or {}
    tnm = p.get("tnm") or {}
    rows = [
        ("Cancer type", f"{ct.get('name')} ({ct.get('oncotree_code')})" if ct else None),
        ("Histology", p.get("histology")),
        ("Grade", p.get("grade")),
        (
            "TNM",
            " ".join(f"{tnm.get('prefix') or ''}{tnm[k]}" for k in ("t", "n", "m") if tnm.get(k)) or None,
        ),
        ("Stage", p.get("stage_group")),
        ("Tumour size", f"{p['tumor_size_cm']} cm" if p.get("tumor_size_cm") else None),
        (
            "Lymph nodes",
            "{positive}/{examined} positive".format(**p["lymph_nodes"])
            if p["lymph_nodes"].get("examined") is not None
            else None,
        ),
        ("Margins", p.get("margins")),
        ("LVI", p.get("lvi")),
        ("PNI", p.get("pni")),
        (
            "Biomarkers",
            "; ".join(
                f"{b['name']} {b.get('result') or ''} {b.get('value') or ''}".strip() for b in p["biomarkers"]
            )
            or None,
        ),
        ("Treatments", ", ".join(t["name"] for t in p["treatments"]) or None),
    ]
    typer.echo("")
    for label, value in rows:
        typer.echo(f"{label:<12} {value if value is not None else 'not found'}")
    typer.echo(f"\n{len(out['facts'])} facts, each with the words it came from (use --json to see them).")


def _batch(path: Path, text_field: str) -> None:
    """One JSON line per input line: {"id", "profile", "facts"}."""
    from onconav.records.extract import extract_profile_from_text

    for n, obj in enumerate(read_jsonl(path), 1):
        text = obj.get(text_field)
        if text is not None and not isinstance(text, str):
            raise InputError(f"{path}: line {n}: field {text_field!r} is not a string")
        doc_id = obj.get("id", n)
        profile, facts = extract_profile_from_text(text or "", document=str(doc_id))
        typer.echo(
            json.dumps(
                {"id": doc_id, "profile": profile.to_json(), "facts": [f.to_json() for f in facts]},
                ensure_ascii=False,
                default=str,
            )
        )


@records_app.command("extract")
def extract_cmd(
    files: list[Path] = typer.Argument(None, help="Files to read (PDF, image, text, .docx, FHIR JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a summary."),
    batch: Path | None = typer.Option(None, "--batch", help="A JSONL file of texts to extract from."),
    text_field: str = typer.Option("text", "--text-field", help="The JSONL field holding the text."),
) -> None:
    """Parse and extract without storing anything."""
    if batch is not None:
        if files:
            raise InputError("give either FILE arguments or --batch, not both")
        _batch(batch, text_field)
        return
    if not files:
        raise InputError("give at least one file, or --batch FILE.jsonl")
    from onconav.records.pipeline import extract_files

    out = extract_files(list(files))
    if as_json:
        echo_json(out)
    else:
        _summary(out)


def _owner_id(db: Any, email: str | None) -> str | None:
    """The account id for an email (None means every account)."""
    if not email:
        return None
    from onconav.errors import NotFoundError
    from onconav.security.accounts import find_by_email

    user = find_by_email(db, email)
    if user is None:
        raise NotFoundError(f"no account with the email {email}")
    return user.id


@records_app.command("list")
def list_cmd(
    owner: str | None = typer.Option(None, "--owner", help="Only this account (email)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List stored documents and their status (ids and metadata only, never names or contents)."""
    from sqlalchemy import select

    from onconav.records.store import DocumentRow
    from onconav.storage.db import Database

    db = Database(settings())
    owner_id = _owner_id(db, owner)
    with db.session() as s:
        q = select(DocumentRow).order_by(DocumentRow.created_at)
        if owner_id:
            q = q.where(DocumentRow.owner_id == owner_id)
        rows = [
            {
                "id": r.id,
                "owner_id": r.owner_id,
                "status": r.status,
                "kind": r.kind,
                "pages": r.pages,
                "ocr": r.ocr,
                "size": r.size,
                "created_at": r.created_at,
            }
            for r in s.scalars(q)
        ]
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        kind = r["kind"] or "-"
        typer.echo(f"{r['id']}  {r['status']:<10} {kind:<18} {r['pages']:>3} p  {r['created_at']}")
    typer.echo(f"{len(rows)} document(s)")


@records_app.command("reprocess")
def reprocess_cmd(
    owner: str | None = typer.Option(None, "--owner", help="Only this account (email); default: all."),
    queue_only: bool = typer.Option(
        False, "--queue-only", help="Only queue the documents (the running app's workers read them)."
    ),
) -> None:
    """Read every stored original again with the current extractor (after an upgrade)."""
    from onconav.records.jobs import run_pending
    from onconav.records.service import service_for
    from onconav.storage.db import Database

    db = Database(settings())
    queued = service_for(db).reprocess(_owner_id(db, owner))
    typer.echo(f"{queued} document(s) queued")
    if not queue_only:
        counts = run_pending(db)
        typer.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to do")


def register(app: typer.Typer) -> None:
    """Add the `records` command group to the main app."""
    app.add_typer(records_app, name="records")
