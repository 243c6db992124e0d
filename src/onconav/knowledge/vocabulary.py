"""Cancer-type vocabulary: OncoTree codes with synonyms, lay terms and common misspellings.

Detection walks the words of a question through a dictionary of word sequences (a trie in
disguise), so it costs a few dictionary look-ups per word whatever the size of the vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from onconav.errors import InputError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "vocabulary.yaml"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that carry no meaning inside a cancer name; dropped from both terms and questions.
_FILLER = frozenset({"the", "a", "an", "my", "his", "her", "our", "their", "your", "of", "and", "n"})
_SPELLING = (("tumour", "tumor"), ("oesophag", "esophag"), ("leukaem", "leukem"), ("haem", "hem"))
_KIND_SCORE = {"name": 1.0, "synonym": 0.95, "lay": 0.85, "misspelling": 0.8}
_NO_PLURAL_ENDINGS = ("ss", "us", "is", "os")
_SPREAD_TO = re.compile(
    r"(?:spread|spreading|moved|gone|went|metastasi[sz]\w*|mets?)\s+(?:in)?to\s+(?:the\s+|my\s+|his\s+|her\s+)?$"
    r"|mets?\s+(?:in|on)\s+(?:the\s+|my\s+|his\s+|her\s+)?$",
    re.I,
)


@dataclass
class CancerType:
    """One OncoTree cancer type with the words people use for it."""

    code: str
    name: str
    main_type: str
    parent: str
    synonyms: list[str] = field(default_factory=list)
    lay_terms: list[str] = field(default_factory=list)
    misspellings: list[str] = field(default_factory=list)


@dataclass
class TopicMatch:
    """A cancer type found in a text: the words matched and where they are."""

    code: str
    name: str
    matched: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Entry:
    code: str
    kind: str
    upper: tuple[bool, ...]  # which words must be written in capitals (acronyms such as ALL)


def normalize_word(word: str) -> str:
    """Lower-case a word, fold accents and British spellings, drop possessives and plurals."""
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(ch for ch in w if not unicodedata.combining(ch)).replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    for old, new in _SPELLING:
        if w.startswith(old):
            w = new + w[len(old) :]
    if len(w) > 3:
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(_NO_PLURAL_ENDINGS):
            w = w[:-1]
    return w


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and any(ch.isalpha() for ch in word)


def _words(text: str) -> list[tuple[str, bool, int, int]]:
    """(normalized word, written in capitals, start, end) for each meaningful word."""
    out = []
    for m in _WORD.finditer(text):
        norm = normalize_word(m.group())
        if norm and norm not in _FILLER:
            out.append((norm, _is_acronym(m.group()), m.start(), m.end()))
    return out


class Vocabulary:
    """The cancer types onconav knows, with fast detection in free text."""

    def __init__(self, types: list[CancerType]) -> None:
        self._types = {t.code: t for t in types}
        self._table: dict[tuple[str, ...], list[_Entry]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._max_len = 1
        for variants in (False, True):  # explicit terms first, then 'cancer' -> 'tumor' variants
            for t in types:
                if t.parent != "TISSUE":  # organ nodes are named "Lung", "Skin": too generic alone
                    self._add(t.name, t.code, "name", variants)
                kinds = (("synonym", t.synonyms), ("lay", t.lay_terms), ("misspelling", t.misspellings))
                for kind, terms in kinds:
                    for term in terms:
                        self._add(term, t.code, kind, variants)

    def _add(self, term: str, code: str, kind: str, variant: bool = False) -> None:
        words = _words(term)
        if not words:
            return
        key = tuple(w[0] for w in words)
        if variant:
            if "cancer" not in key:
                return
            key = tuple("tumor" if w == "cancer" else w for w in key)
            if key in self._table:
                return
        entry = _Entry(code, kind, tuple(w[1] for w in words))
        bucket = self._table.setdefault(key, [])
        if all(e.code != code or e.upper != entry.upper for e in bucket):
            bucket.append(entry)
        for i in range(1, len(key)):
            self._prefixes.add(key[:i])
        self._max_len = max(self._max_len, len(key))

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Load the vocabulary YAML (the packaged one by default); cached per path."""
        return _load_cached(str((path or DEFAULT_PATH).resolve()))

    def codes(self) -> list[str]:
        """All codes, in file order."""
        return list(self._types)

    def get(self, code: str) -> CancerType | None:
        """The cancer type for a code, or None."""
        return self._types.get(code)

    def ancestors(self, code: str) -> list[str]:
        """Parent codes from nearest to farthest, following parents that are in the vocabulary."""
        out: list[str] = []
        current = self._types.get(code)
        while current is not None and current.parent in self._types and current.parent not in out:
            out.append(current.parent)
            current = self._types[current.parent]
        return out

    def expansion_terms(self, code: str) -> list[str]:
        """Official name, synonyms and lay terms of a code (for query expansion); no misspellings."""
        t = self._types.get(code)
        if t is None:
            return []
        seen: dict[str, None] = {}
        for term in [t.name, *t.synonyms, *t.lay_terms]:
            seen.setdefault(term, None)
        return list(seen)

    def detect(self, text: str) -> list[TopicMatch]:
        """Cancer types named in a text, longest match first at each place, in text order."""
        words = _words(text)
        if not any(ch.islower() for ch in text):  # all capitals: acronyms cannot be told apart
            words = [(w, False, s, e) for w, _, s, e in words]
        found: list[TopicMatch] = []
        i = 0
        while i < len(words):
            hit = self._longest_at(words, i)
            if hit is None:
                i += 1
                continue
            length, entry = hit
            start, end = words[i][2], words[i + length - 1][3]
            if not self._negated_small_cell(text, start, entry.code):
                t = self._types[entry.code]
                score = _KIND_SCORE[entry.kind] + 0.01 * min(length, 8)
                if _SPREAD_TO.search(text[max(0, start - 30) : start]):
                    score -= 0.3  # "spread to my lungs" names where it went, not the cancer type
                found.append(TopicMatch(t.code, t.name, text[start:end], start, end, round(score, 3)))
            i += length
        return found

    def _longest_at(self, words: list[tuple[str, bool, int, int]], i: int) -> tuple[int, _Entry] | None:
        best: tuple[int, _Entry] | None = None
        key: tuple[str, ...] = ()
        for j in range(i, min(len(words), i + self._max_len)):
            key = (*key, words[j][0])
            for entry in self._table.get(key, ()):
                caps = [w[1] for w in words[i : j + 1]]
                if all(c or not need for need, c in zip(entry.upper, caps, strict=True)):
                    best = (j - i + 1, entry)
                    break
            if key not in self._prefixes:
                break
        return best

    @staticmethod
    def _negated_small_cell(text: str, start: int, code: str) -> bool:
        """'small cell' right after 'non' belongs to non-small cell lung cancer, not SCLC."""
        return code == "SCLC" and bool(re.search(r"non[\s-]*$", text[max(0, start - 5) : start], re.I))

    def best(self, text: str) -> CancerType | None:
        """The most specific, best-scored cancer type in a text, or None."""
        matches = self.detect(text)
        if not matches:
            return None
        codes = {m.code for m in matches}
        generic = {a for c in codes for a in self.ancestors(c)}
        specific = [m for m in matches if m.code not in generic] or matches
        top = max(specific, key=lambda m: (m.score, m.end - m.start, -m.start))
        return self._types[top.code]


def _as_list(value: Any, code: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"vocabulary entry {code}: '{key}' must be a list of strings")
    return list(value)


def parse_entries(raw: Any) -> list[CancerType]:
    """Validate the loaded YAML and turn it into CancerType objects."""
    if not isinstance(raw, list):
        raise InputError("vocabulary file must hold a list of entries")
    types: list[CancerType] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("code", "name")):
            raise InputError(f"vocabulary entry needs a code and a name: {item!r}")
        code = item["code"]
        if code in seen:
            raise InputError(f"vocabulary code {code} appears twice")
        seen.add(code)
        types.append(
            CancerType(
                code=code,
                name=item["name"],
                main_type=str(item.get("main_type") or ""),
                parent=str(item.get("parent") or ""),
                synonyms=_as_list(item.get("synonyms"), code, "synonyms"),
                lay_terms=_as_list(item.get("lay_terms"), code, "lay_terms"),
                misspellings=_as_list(item.get("misspellings"), code, "misspellings"),
            )
        )
    return types


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Vocabulary:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"vocabulary file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"vocabulary file is not valid YAML: {path}: {exc}") from exc
    return Vocabulary(parse_entries(raw))
