"""Use-case logic in domain packages on floors (see tests/unit/test_layering.py's RANKS); owns sessions, returns
plain dataclasses. No QtWidgets/QtGui. This file stays empty: a re-export here would tie every package together.
"""
