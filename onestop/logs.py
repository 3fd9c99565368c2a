"""Logging for every process: one line per record, with the application id when there is one.

No IIN may appear in a log line: records pass through a filter that masks any run of
twelve digits, so a careless format string cannot leak one.
"""

from __future__ import annotations

import contextvars
import logging
import re

application_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("application_id", default="-")

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


class _ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "application_id"):
            record.application_id = application_id_var.get()
        message = record.getMessage()
        masked = _TWELVE_DIGITS.sub("************", message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class _MaskingFormatter(logging.Formatter):
    """Masks the whole line, tracebacks included: an exception's text may quote an IIN."""

    def format(self, record: logging.LogRecord) -> str:
        return _TWELVE_DIGITS.sub("************", super().format(record))


# Libraries that log every request at INFO: one line per registry call drowns the useful ones.
_CHATTY = ("httpx", "httpcore")


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_ContextFilter())
    handler.setFormatter(_MaskingFormatter(
        "%(asctime)s %(levelname)s %(name)s [app=%(application_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
