"""Alembic environment: migrates the database the caller's config names (``sqlalchemy.url``)."""

from alembic import context

from assistant.db.migrate import include_name
from assistant.db.models import Base
from assistant.db.session import make_engine

config = context.config


def run_migrations_online() -> None:
    """Run the migrations on a live connection (the only mode the assistant uses)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
