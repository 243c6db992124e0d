"""Fixtures for trial tests: the synthetic fixture folder and a populated store."""

from __future__ import annotations

from pathlib import Path

import pytest

from onconav.config import Settings
from onconav.trials import service
from onconav.trials.store import TrialStore

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def store(settings: Settings) -> TrialStore:
    """A store holding the four synthetic studies from the search pages."""
    s = service.open_store(settings)
    count, problems = service.import_paths(
        s, [FIXTURES / "search_page1.json", FIXTURES / "search_page2.json"]
    )
    assert count == 4 and problems == []
    return s
