"""Sending links by email (SMTP when `settings.smtp_url` is set; otherwise the CLI prints them).

smtp_url forms: smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host:465, smtp://host:25
(no auth; plain only on loopback). Add ?from=address to choose the sender.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from onconav.config import Settings
from onconav.errors import ConfigError, ExternalServiceError


def mail_enabled(settings: Settings) -> bool:
    """Whether email can be sent."""
    return bool(settings.smtp_url)


def send(settings: Settings, to: str, subject: str, body: str) -> None:
    """Send one plain-text email (ExternalServiceError if the server refuses)."""
    if not settings.smtp_url:
        raise ConfigError("no mail server configured (ONCONAV_SMTP_URL)")
    u = urlsplit(settings.smtp_url)
    if u.scheme not in ("smtp", "smtps") or not u.hostname:
        raise ConfigError("ONCONAV_SMTP_URL must look like smtp://user:pass@host:587")
    msg = EmailMessage()
    msg["From"] = parse_qs(u.query).get("from", [f"onconav@{u.hostname}"])[0]
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    context = ssl.create_default_context()
    try:
        if u.scheme == "smtps":
            server: smtplib.SMTP = smtplib.SMTP_SSL(u.hostname, u.port or 465, context=context, timeout=20)
        else:
            server = smtplib.SMTP(u.hostname, u.port or 587, timeout=20)
        with server:
            if u.scheme == "smtp" and u.hostname not in ("127.0.0.1", "localhost", "::1"):
                server.starttls(context=context)
            if u.username:
                server.login(unquote(u.username), unquote(u.password or ""))
            server.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise ExternalServiceError(f"could not send email: {type(exc).__name__}") from exc
