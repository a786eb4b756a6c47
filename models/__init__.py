"""Station Ledger data layer: SQLAlchemy ORM, schema, reference data and queries. Imports no Qt."""
