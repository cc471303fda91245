"""The events coder with the default dictionaries, built once for the events tests."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder


@pytest.fixture(scope="session")
def coder(nlp):
    return EventCoder(nlp)
