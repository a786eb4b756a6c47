"""Use-case logic: one module per area; owns sessions, returns plain dataclasses. No QtWidgets/QtGui."""
