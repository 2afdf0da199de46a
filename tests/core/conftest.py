"""Fixtures shared by the service tests."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from core.accounts.service import create_account_token
from core.db import write_session
from models.account import Role


@pytest.fixture
def reporter_id(engine: Engine) -> int:
    """An officer account of 81.02 that stored reports can name as their reporter."""
    with write_session(engine) as session:
        token, _ = create_account_token(session=session, name="officer", role=Role.OFFICER, kabupaten="81.02")
        return token.account_id
