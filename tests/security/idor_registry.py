"""Id factories for the IDOR matrix (tests/security/test_sec_idor.py).

Every route whose path has an id parameter (`{..._id}` or `{id}`) is probed automatically. For each
parameter name the matrix needs a factory that creates a resource owned by the test's "owner"
account and returns its id; routes serving public data are listed in PUBLIC_ROUTES instead. A new
route with an id parameter that has neither makes the matrix fail with a message naming it.

Other packages add factories in their own test folders, in files named `idor_*.py`, e.g.
tests/records/idor_records.py:

    from idor_registry import id_factory

    @id_factory("kit_id")
    def make_kit(ctx):            # ctx.owner: signed-in Account (client, id, token); ctx.app; ctx.db
        ...
        return kit_id

A factory can be specific to one route pattern: `@id_factory("doc_id", route="/records/{doc_id}")`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PUBLIC_ROUTES = {
    "/docs/{doc_id:path}",  # knowledge-base documents: public
    "/api/trials/{nct_id}",  # public registry records
    "/kb/{slug}",
}


@dataclass
class Ctx:
    app: Any
    db: Any
    owner: Any  # conftest.Account
    other: Any  # a third account, for things like caregiver grants
    cache: dict[str, str]


Factory = Callable[[Ctx], str]
FACTORIES: dict[str, Factory] = {}


def id_factory(param: str, route: str | None = None) -> Callable[[Factory], Factory]:
    """Register a factory for an id parameter (optionally only for one route pattern)."""

    def deco(fn: Factory) -> Factory:
        FACTORIES[f"{route}|{param}" if route else param] = fn
        return fn

    return deco


def factory_for(route: str, param: str) -> Factory | None:
    """The most specific factory for a parameter of a route."""
    return FACTORIES.get(f"{route}|{param}") or FACTORIES.get(param)


def load_all(tests_root: Path) -> None:
    """Import every tests/**/idor_*.py so their factories register."""
    for path in sorted(tests_root.rglob("idor_*.py")):
        if path.name == "idor_registry.py":
            continue
        spec = importlib.util.spec_from_file_location(f"_idor_{path.parent.name}_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
