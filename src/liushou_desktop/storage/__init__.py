"""Engine and session scope, SQLite pragmas, SQLModel tables, Alembic migrations."""
