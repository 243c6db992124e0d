"""Fuzzing: random and mutated files never crash the parsers, and past crashers stay fixed.

Examples per test come from ONCONAV_FUZZ_EXAMPLES (default 50). Set ONCONAV_FUZZ_SAVE=1 to write
any new crasher into tests/records/crashers/ so it becomes a regression case.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parse_builders import docx_bytes, image_bytes, page_image, text_pdf

from onconav.errors import OnconavError
from onconav.records.limits import Limits
from onconav.records.model import ParsedDocument
from onconav.records.parsers import image as image_parser
from onconav.records.parsers import parse_bytes, parse_unguarded
from onconav.records.parsers import pdf as pdf_parser
from onconav.records.parsers.ocr import OcrResult

EXAMPLES = int(os.environ.get("ONCONAV_FUZZ_EXAMPLES", "50"))
SAVE = os.environ.get("ONCONAV_FUZZ_SAVE") == "1"
CRASHERS = Path(__file__).parent / "crashers"
LIMITS = Limits(max_bytes=2_000_000, max_pages=20, max_pixels=4_000_000, ocr_timeout_s=5)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS = {
    "pdf": text_pdf(["SURGICAL PATHOLOGY REPORT\nFinal diagnosis: carcinoma", "pT2 N0 M0"]),
    "png": image_bytes(page_image(["ER positive"], size=(240, 80), font_size=20), "PNG"),
    "json": json.dumps(
        {
            "resourceType": "Bundle",
            "entry": [
                {
                    "resource": {
                        "resourceType": "Condition",
                        "code": {
                            "coding": [
                                {
                                    "system": "http://snomed.info/sct",
                                    "code": "254837009",
                                    "display": "Malignant neoplasm of breast",
                                }
                            ]
                        },
                        "onsetDateTime": "2020-01-01",
                    }
                },
                {
                    "resource": {
                        "resourceType": "Observation",
                        "code": {"text": "HER2"},
                        "valueString": "positive",
                        "component": [{"code": {"text": "x"}, "valueQuantity": {"value": 1.5}}],
                    }
                },
            ],
        }
    ).encode(),
    "docx": docx_bytes(["Treatment plan"], table=[["a", "b"], ["c", "d"]]),
    "txt": b"Final diagnosis: carcinoma, grade 2\nMargins negative",
}


@contextmanager
def fast_ocr() -> Iterator[None]:
    """Replace tesseract with an instant fake: the fuzz target is file handling, not OCR."""

    def fake(img: object, timeout: float = 0) -> OcrResult:
        return OcrResult("fake ocr text", 0.5, 3, 1.5)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(image_parser, "ocr_image", fake)
        mp.setattr(image_parser, "require_tesseract", lambda: None)
        mp.setattr(pdf_parser, "ocr_image", fake)
        mp.setattr(pdf_parser, "tesseract_available", lambda: True)
        yield


def _check(data: bytes, name: str) -> None:
    """parse_bytes must return a document or raise an OnconavError; so must the unguarded core."""
    with fast_ocr():
        try:
            parse_unguarded(data, name, LIMITS)
        except OnconavError:
            pass
        except Exception:
            if SAVE:
                CRASHERS.mkdir(exist_ok=True)
                suffix = Path(name).suffix or ".bin"
                (CRASHERS / f"{hashlib.sha256(data).hexdigest()[:16]}{suffix}").write_bytes(data)
            raise
        with suppress(OnconavError):
            assert isinstance(parse_bytes(data, name, LIMITS), ParsedDocument)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 256))]
        elif op == "truncate":
            del data[pos:]
        else:
            other = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
            data[pos:] = other[draw(st.integers(0, len(other) - 1)) :]
    name = draw(st.sampled_from([f"record.{kind}", "record.pdf", "record.json", "record.txt", "record"]))
    return bytes(data), name


@FUZZ
@given(case=mutated())
def test_mutated_files_never_crash(case: tuple[bytes, str]) -> None:
    _check(*case)


@FUZZ
@given(
    data=st.binary(max_size=4096), name=st.sampled_from(["a.pdf", "a.png", "a.json", "a.txt", "a.docx", "a"])
)
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    _check(data, name)


@FUZZ
@given(
    payload=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "resourceType",
                        "entry",
                        "resource",
                        "code",
                        "coding",
                        "valueQuantity",
                        "component",
                        "effectivePeriod",
                        "bodySite",
                        "extension",
                        "stage",
                        "gender",
                        "birthDate",
                        "text",
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_random_fhir_shapes_never_crash(payload: object) -> None:
    from onconav.records.fhir import fhir_facts

    data = json.dumps(
        {
            "resourceType": "Bundle",
            "entry": [{"resource": {"resourceType": "Observation", "x": payload}}, {"resource": payload}],
        }
    )
    _check(data.encode(), "shape.json")
    try:
        doc = parse_bytes(data.encode(), "shape.json", LIMITS)
    except OnconavError:
        return
    assert isinstance(fhir_facts(doc), list)


def _crashers() -> list[Path]:
    return (
        sorted(p for p in CRASHERS.glob("*") if p.is_file() and p.name != "README.md")
        if CRASHERS.is_dir()
        else []
    )


@pytest.mark.parametrize("path", _crashers(), ids=lambda p: p.name)
def test_saved_crashers_stay_fixed(path: Path) -> None:
    _check(path.read_bytes(), path.name)
