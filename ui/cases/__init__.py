"""The case book (案件台账) list page: filters, the windowed table model, export."""
