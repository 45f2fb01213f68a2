"""Commits in tests behave as in production, so that what waits for a commit happens.

pytest-django runs a test that uses `db` inside a transaction of its own that is rolled
back at the end, so transaction.on_commit() callbacks (network/mail.py queues every email
that way) would never run. With this fixture the test's own transaction stands for the
database's autocommit: a callback runs at once outside any transaction the code opened,
and when the outermost one it opened commits; a block that rolls back drops its callbacks,
as a real rollback does.

Load it for the whole suite with `pytest -p tests.commits`, or import the fixture into a
module or conftest (it is autouse).
"""

import logging

import pytest
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)


def _only_the_tests_transaction(connection):
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _run(func, robust):
    if not robust:
        func()
        return
    try:
        func()
    except Exception:
        logger.exception("Error in an on_commit() callback")


@pytest.fixture(autouse=True)
def commits_as_in_production(monkeypatch):
    on_commit = BaseDatabaseWrapper.on_commit
    atomic_exit = transaction.Atomic.__exit__

    def on_commit_as_if_autocommit(self, func, robust=False):
        if self.in_atomic_block and _only_the_tests_transaction(self):
            _run(func, robust)
        else:
            on_commit(self, func, robust)

    def exit_and_commit(self, exc_type, exc_value, traceback):
        result = atomic_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if (
            not self._from_testcase
            and connection.in_atomic_block
            and _only_the_tests_transaction(connection)
        ):
            # The code's outermost block has just "committed": run what waited for it.
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, func, robust in pending:
                _run(func, robust)
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_as_if_autocommit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_commit)
