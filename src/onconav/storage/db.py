"""SQLAlchemy engine, session factory and the declarative Base every table uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from onconav.config import Settings


class Base(DeclarativeBase):
    """Declarative base; each package defines its tables on it (models imported in `init_db`)."""


def make_engine(settings: Settings) -> Engine:
    """Create the engine; SQLite gets WAL mode and foreign keys for safe concurrent use."""
    url = settings.db_url
    if url.startswith("sqlite"):
        settings.ensure_dirs()
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA secure_delete=ON")  # deleted patient rows are zeroed on disk
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _import_models() -> None:
    """Import every module that defines tables so `create_all` sees them."""
    import importlib

    for name in (
        "onconav.knowledge.store",
        "onconav.answers.store",
        "onconav.security.models",
        "onconav.records.store",
        "onconav.trials.store",
        "onconav.guidance.store",
    ):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def init_db(engine: Engine) -> None:
    """Create missing tables."""
    _import_models()
    Base.metadata.create_all(engine)


class Database:
    """Engine plus session factory, created once per app/CLI run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        init_db(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transactional session: commit on success, roll back on error."""
        s = self._factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()
