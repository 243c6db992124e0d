"""The running services of one process (database, knowledge base, search, composer), built lazily."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from onconav.config import Settings

if TYPE_CHECKING:
    from onconav.answers.service import AnswerService
    from onconav.knowledge.store import KnowledgeStore
    from onconav.search.bm25 import Bm25Index
    from onconav.storage.db import Database


class Runtime:
    """Holds the services built from one Settings; shared by the web app and the CLI."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()

    @cached_property
    def db(self) -> Database:
        from onconav.storage.db import Database

        with self._lock:
            return Database(self.settings)

    @cached_property
    def kb(self) -> KnowledgeStore:
        from onconav.knowledge.store import KnowledgeStore

        with self._lock:
            return KnowledgeStore(self.settings)

    @property
    def index(self) -> Bm25Index:
        return self.kb.index

    @cached_property
    def answers(self) -> AnswerService:
        from onconav.answers.service import AnswerService

        with self._lock:
            return AnswerService(self.settings, self.kb, self.db)
