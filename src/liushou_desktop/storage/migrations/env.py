"""Alembic environment: run on the connection the application hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from liushou_desktop.storage import models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic revision --autogenerate` from a developer's shell
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite://"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
