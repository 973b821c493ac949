"""The database: models, engines and sessions, migrations."""

from assistant.db.migrate import upgrade
from assistant.db.session import default_engine, make_engine, session_factory, session_scope

__all__ = ["default_engine", "make_engine", "session_factory", "session_scope", "upgrade"]
