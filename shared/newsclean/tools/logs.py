"""Powertools' loggers, handed back between runs in one process (run-local, the tests)."""

from __future__ import annotations

import logging

# Where run-local keeps the handler's structured log lines and metrics, in its output folder.
LOG_FILE = "run-local.log.jsonl"

# The attributes Powertools sets on a logging.Logger it has configured.
POWERTOOLS_MARKS = ("init", "powertools_handler", "powertools_buffer_config", "powertools_buffer_cache")


def release_powertools_loggers() -> None:
    """Every logger Powertools configured loses its handlers and its marks, to be configured anew.

    Powertools configures a service's ``logging.Logger`` once per process and keeps the stream it
    saw first, which may be closed by the time the next run (or test) logs.
    """
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and getattr(logger, "init", False):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            for attribute in POWERTOOLS_MARKS:
                if hasattr(logger, attribute):
                    delattr(logger, attribute)
