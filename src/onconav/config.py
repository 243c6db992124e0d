"""Settings: the only module that reads environment variables."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from onconav.errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent.parent


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("onconav", appauthor=False))


def _default_pack() -> Path:
    return PROJECT_ROOT / "knowledge"


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Validated settings, built once and passed in (never a module-level global)."""

    home: Path = field(default_factory=_default_home)
    pack_dir: Path = field(default_factory=_default_pack)
    database_url: str = ""
    production: bool = False
    master_key: str | None = None
    master_key_file: Path | None = None
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    signup_enabled: bool = True
    smtp_url: str | None = None
    https: bool = False
    max_upload_mb: int = 25
    max_pages: int = 200
    max_pixels: int = 60_000_000
    rate_limits_enabled: bool = True
    ctgov_base_url: str = "https://clinicaltrials.gov/api/v2"

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL: explicit, or an SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{self.home / 'onconav.db'}"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def files_dir(self) -> Path:
        return self.home / "files"

    def ensure_dirs(self) -> None:
        """Create the data folder and its subfolders (private to the user)."""
        for path in (self.home, self.index_dir, self.files_dir):
            path.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # e.g. a mounted volume that ignores modes
            self.home.chmod(0o700)

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (for tests and CLI flags)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def validate(self) -> Settings:
        """Refuse unsafe combinations."""
        if self.production and not (self.master_key or self.master_key_file):
            raise ConfigError(
                "Production mode needs a master key: set ONCONAV_MASTER_KEY or ONCONAV_MASTER_KEY_FILE."
            )
        return self


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from environment variables (ONCONAV_*)."""
    e = dict(os.environ if env is None else env)
    kwargs: dict[str, object] = {}
    if e.get("ONCONAV_HOME"):
        kwargs["home"] = Path(e["ONCONAV_HOME"]).expanduser()
    if e.get("ONCONAV_PACK_DIR"):
        kwargs["pack_dir"] = Path(e["ONCONAV_PACK_DIR"]).expanduser()
    if e.get("ONCONAV_DATABASE_URL"):
        kwargs["database_url"] = e["ONCONAV_DATABASE_URL"]
    if e.get("ONCONAV_MASTER_KEY_FILE"):
        kwargs["master_key_file"] = Path(e["ONCONAV_MASTER_KEY_FILE"]).expanduser()
    for key, name in (
        ("master_key", "ONCONAV_MASTER_KEY"),
        ("llm_url", "ONCONAV_LLM_URL"),
        ("llm_model", "ONCONAV_LLM_MODEL"),
        ("llm_api_key", "ONCONAV_LLM_API_KEY"),
        ("smtp_url", "ONCONAV_SMTP_URL"),
        ("ctgov_base_url", "ONCONAV_CTGOV_URL"),
    ):
        if e.get(name):
            kwargs[key] = e[name]
    kwargs["production"] = _bool(e.get("ONCONAV_PRODUCTION"))
    kwargs["signup_enabled"] = _bool(e.get("ONCONAV_SIGNUP"), default=True)
    kwargs["https"] = _bool(e.get("ONCONAV_HTTPS"))
    kwargs["rate_limits_enabled"] = _bool(e.get("ONCONAV_RATE_LIMITS"), default=True)
    for key, name in (
        ("max_upload_mb", "ONCONAV_MAX_UPLOAD_MB"),
        ("max_pages", "ONCONAV_MAX_PAGES"),
        ("max_pixels", "ONCONAV_MAX_PIXELS"),
    ):
        if e.get(name):
            try:
                kwargs[key] = int(e[name])
            except ValueError as exc:
                raise ConfigError(f"{name} must be a whole number") from exc
    return Settings(**kwargs).validate()  # type: ignore[arg-type]
