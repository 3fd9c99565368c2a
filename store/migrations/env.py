"""Alembic environment: autogenerates against SQLModel.metadata, batch mode on SQLite.

`store.engine.migrate` passes an open connection in `config.attributes["connection"]`; the
alembic command line gets its URL from sqlalchemy.url or ONESTOP_DATABASE_URL.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import store.job_matches  # noqa: F401
import store.labour  # noqa: F401
import store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
import store.officers  # noqa: F401
import store.vacancies  # noqa: F401
import store.workbench  # noqa: F401
from store.engine import make_engine

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("ONESTOP_DATABASE_URL", "")
    if url:
        return url
    from onestop.settings import get_settings

    return get_settings().database_url


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = _url()
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as fresh:
            _run(fresh)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
