"""One error hierarchy for the whole package.

    OnconavError
    ├── ConfigError            settings missing or unsafe (e.g. no master key in production)
    ├── InputError             bad input from a user: empty question, malformed JSON, unknown ZIP
    │   ├── UnsupportedFileError   file type not accepted / not detectable
    │   ├── FileTooLargeError      size, page or pixel limits exceeded
    │   └── CorruptFileError       cannot be parsed (corrupt, truncated, encrypted)
    ├── NotFoundError          an id that does not exist (or that the caller may not see)
    ├── PermissionDeniedError  authenticated but not allowed
    ├── AuthError              not authenticated, bad credentials, bad CSRF token
    ├── RateLimitError         too many requests
    ├── KnowledgeBaseError     index or knowledge base problem (e.g. empty knowledge base)
    ├── ExternalServiceError   an outside service (LLM, ClinicalTrials.gov) failed
    └── IntegrityError         tampering detected (audit chain, ciphertext)

Edges (web, api, cli) map these to status codes / exit codes; domain code never raises HTTP errors.
"""

from __future__ import annotations


class OnconavError(Exception):
    """Base class of every error onconav raises on purpose."""

    status_code = 500
    exit_code = 1


class ConfigError(OnconavError):
    """Settings are missing or unsafe."""

    exit_code = 78


class InputError(OnconavError):
    """A user gave input we cannot use; the message says why."""

    status_code = 400
    exit_code = 2


class UnsupportedFileError(InputError):
    """The file type is not accepted or cannot be detected from content."""

    status_code = 415


class FileTooLargeError(InputError):
    """A size, page or pixel limit was exceeded."""

    status_code = 413


class CorruptFileError(InputError):
    """The file could not be parsed (corrupt, truncated or encrypted)."""

    status_code = 422


class NotFoundError(OnconavError):
    """The thing asked for does not exist or is not visible to the caller."""

    status_code = 404
    exit_code = 3


class PermissionDeniedError(OnconavError):
    """The caller is known but not allowed to do this."""

    status_code = 403
    exit_code = 4


class AuthError(OnconavError):
    """Not authenticated, wrong credentials, or a missing/bad CSRF token."""

    status_code = 401
    exit_code = 4


class RateLimitError(OnconavError):
    """Too many requests in a short time."""

    status_code = 429


class KnowledgeBaseError(OnconavError):
    """The knowledge base or its index cannot serve the request."""

    status_code = 503


class ExternalServiceError(OnconavError):
    """An outside service (LLM endpoint, registry API) failed."""

    status_code = 502


class IntegrityError(OnconavError):
    """Stored data failed an integrity check (tampered audit chain, bad ciphertext)."""
