"""Shared fixtures: offscreen Qt, and a fresh data directory per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from controllers import datadir
from controllers.app import AppContext, open_data_dir


@pytest.fixture
def data_dir(tmp_path: Path) -> datadir.DataDir:
    """An empty data directory, not yet opened."""
    return datadir.DataDir(tmp_path / "data")


@pytest.fixture
def app_ctx(data_dir: datadir.DataDir) -> Iterator[AppContext]:
    """A migrated, seeded data directory of its own for each test."""
    ctx = open_data_dir(data_dir)
    yield ctx
    ctx.close()
