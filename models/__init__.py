"""Station Ledger data layer: SQLAlchemy ORM, schema, reference data and queries. Imports no Qt."""

# Importing the search module installs the session hook that keeps the search index in step with
# every ORM write; doing it here means no entry point can forget it.
from models import search as _search  # noqa: F401
