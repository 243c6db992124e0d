"""Keep patient data and question text out of logs.

`install()` wraps the logging record factory, so every record from every logger (uvicorn access
logs, httpx, our own) is scrubbed when it is created, before any handler sees it: query strings are
dropped from URLs and request lines, and email addresses, phone numbers and SSN-like numbers are
replaced. `PrivacyFilter` does the same as a handler filter for setups that build their own handlers.
Our own code never logs question text, form bodies or email addresses in the first place.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_PHONE = re.compile(r"(?<!\d)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)")
_FORM_FIELD = re.compile(r"\b(question|password|email|q)=([^&\s]+)", re.I)

_installed = False
_lock = threading.Lock()


def scrub(text: str) -> str:
    """Remove query strings, emails, phone numbers and SSN-like numbers from a log line."""
    text = _QUERY.sub(r"\1?[redacted]", text)
    text = _FORM_FIELD.sub(r"\1=[redacted]", text)
    text = _EMAIL.sub("[email]", text)
    text = _SSN.sub("[ssn]", text)
    return _PHONE.sub("[phone]", text)


def scrub_record(record: logging.LogRecord) -> None:
    """Freeze a record's message in scrubbed form (args merged in first)."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string must not break logging
        message = str(record.msg)
    record.msg = scrub(message)
    record.args = ()
    if record.exc_info and not record.exc_text:
        record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = scrub(record.exc_text)


class PrivacyFilter(logging.Filter):
    """A handler filter that scrubs every record (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


def install() -> None:
    """Scrub every log record from now on (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            scrub_record(record)
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
