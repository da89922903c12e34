"""Empty the database named by MUTUA_DATABASE_URL (PostgreSQL only; a new SQLite file is empty).

Used by `make check-migrations` before `alembic upgrade head` so that the check starts
from nothing, like the test suite does.
"""

import os

from tests.conftest import reset_database

if __name__ == "__main__":
    reset_database(os.environ["MUTUA_DATABASE_URL"])
