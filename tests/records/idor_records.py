"""IDOR factories for the records routes: a document and a fact owned by the matrix's owner account."""

from __future__ import annotations

from idor_registry import Ctx, id_factory

from onconav.records.jobs import run_pending
from onconav.records.service import service_for

REPORT = (
    b"SURGICAL PATHOLOGY REPORT\nDiagnosis: invasive ductal carcinoma of the left breast, grade 2.\n"
    b"Tumor size: 2.1 cm. Estrogen receptor positive. HER2 negative (IHC 1+).\npT2 pN0\n"
)


def _document(ctx: Ctx) -> str:
    """Upload and read a report for the owner (once per matrix run)."""
    if "records_doc_id" not in ctx.cache:
        svc = service_for(ctx.db)
        ctx.cache["records_doc_id"] = svc.upload(ctx.owner.id, "idor-report.txt", REPORT)
        run_pending(ctx.db)
    return ctx.cache["records_doc_id"]


def _fact(ctx: Ctx) -> str:
    _document(ctx)
    facts = service_for(ctx.db).profile(ctx.owner.id).facts
    assert facts, "no fact extracted from the IDOR fixture report"
    return facts[0].id


for _route in (
    "/records/{doc_id}",
    "/records/{doc_id}/original",
    "/records/{doc_id}/delete",
    "/api/records/{doc_id}",
):
    id_factory("doc_id", route=_route)(_document)

for _route in ("/profile/facts/{fact_id}", "/api/profile/facts/{fact_id}"):
    id_factory("fact_id", route=_route)(_fact)
