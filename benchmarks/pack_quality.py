"""Readability and length of the starter-pack articles: Flesch-Kincaid grade and word count per article."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_json  # noqa: E402

from onconav.errors import InputError  # noqa: E402
from onconav.knowledge.pack_schema import article_paths, body_words, fk_grade, load_article, plain_text  # noqa: E402

GRADE_LIMIT = 9.5


def measure(pack: Path) -> tuple[list[dict[str, object]], list[str]]:
    """Per-article grade and word count, plus files that could not be read."""
    rows: list[dict[str, object]] = []
    failed: list[str] = []
    for path in article_paths(pack):
        try:
            fm, body = load_article(path)
        except InputError as exc:
            failed.append(str(exc))
            continue
        text = plain_text(body)
        rows.append(
            {
                "slug": path.stem,
                "topics": fm.topics,
                "words": body_words(body),
                "fk_grade": round(fk_grade(text), 1),
            }
        )
    return rows, failed


def main() -> None:
    rows, failed = measure(ROOT / "knowledge")
    rows.sort(key=lambda r: -float(r["fk_grade"]))  # type: ignore[arg-type]
    grades = [float(r["fk_grade"]) for r in rows]  # type: ignore[arg-type]
    words = [int(r["words"]) for r in rows]  # type: ignore[call-overload]
    summary = {
        "articles": len(rows),
        "unreadable": len(failed),
        "fk_grade_mean": round(statistics.fmean(grades), 2) if grades else None,
        "fk_grade_median": round(statistics.median(grades), 2) if grades else None,
        "fk_grade_max": max(grades) if grades else None,
        "above_grade_10": sum(g > 10 for g in grades),
        "words_mean": round(statistics.fmean(words), 1) if words else None,
        "words_min": min(words) if words else None,
        "words_max": max(words) if words else None,
        "outside_300_1000_words": sum(not 300 <= w <= 1000 for w in words),
        "grade_limit": GRADE_LIMIT,
    }
    print(table(["slug", "words", "FK grade"], [[r["slug"], r["words"], r["fk_grade"]] for r in rows]))
    print()
    print(table(["measure", "value"], [[k, v] for k, v in summary.items()]))
    for line in failed:
        print(f"unreadable: {line}")
    write_json("pack_quality", {"summary": summary, "articles": rows, "unreadable": failed})


if __name__ == "__main__":
    main()
