"""IDOR factories for ids defined by the accounts and answers parts (and records, until it has its own)."""

from __future__ import annotations

import time

from idor_registry import Ctx, id_factory

from onconav.answers.store import save_answer
from onconav.security import sharing
from onconav.security.sessions import list_api_tokens


@id_factory("answer_id")
def personal_answer(ctx: Ctx) -> str:
    answer = ctx.app.state.runtime.answers.ask("What does my pathology report mean?", store=False)
    save_answer(ctx.db, answer, owner_id=ctx.owner.id, personal=True)
    return str(answer.id)


@id_factory("token_id")
def api_token_id(ctx: Ctx) -> str:
    return str(list_api_tokens(ctx.db, ctx.owner.id)[0]["id"])


@id_factory("grant_id")
def caregiver_grant(ctx: Ctx) -> str:
    return sharing.grant(ctx.db, ctx.owner.id, ctx.other.id, ["answers"])


REPORT = (
    b"SURGICAL PATHOLOGY REPORT\nDiagnosis: Invasive ductal carcinoma of the left breast, grade 2.\n"
    b"Tumor size: 2.1 cm. ER positive. PR positive. HER2 negative (IHC 1+).\npT2 pN0\n"
)


def _upload(ctx: Ctx) -> str:
    if "doc_id" not in ctx.cache:
        r = ctx.owner.client.post(
            "/api/records",
            files={"files": ("path.txt", REPORT, "text/plain")},
            headers={"Authorization": f"Bearer {ctx.owner.token}"},
        )
        assert r.status_code in (200, 201, 202), r.text
        body = r.json()
        docs = body["documents"]
        ctx.cache["doc_id"] = str(docs[0]["id"])
    return ctx.cache["doc_id"]


@id_factory("doc_id", route="/records/{doc_id}")
def record_doc(ctx: Ctx) -> str:
    return _upload(ctx)


for _route in ("/api/records/{doc_id}", "/records/{doc_id}/original", "/records/{doc_id}/delete"):
    id_factory("doc_id", route=_route)(record_doc)


@id_factory("fact_id")
def profile_fact(ctx: Ctx) -> str:
    _upload(ctx)
    facts: list[dict[str, str]] = []
    for _ in range(100):  # the upload is read by a background job: wait for its facts
        r = ctx.owner.client.get("/api/profile", headers={"Authorization": f"Bearer {ctx.owner.token}"})
        assert r.status_code == 200, r.text
        facts = r.json().get("facts") or []
        if facts:
            break
        time.sleep(0.1)
    assert facts, "no fact extracted from the IDOR fixture report"
    return str(facts[0]["id"])
