"""Without Redis the site degrades: pages from the database, logins refused, sessions kept."""

import socket
import time

import pytest

from tests.deploy import CASE_PATH, MEMBER_EMAIL, REDIS_DB, free_port

pytestmark = pytest.mark.deploy

PAGES = [
    "/",
    "/case/",
    CASE_PATH,
    "/kalender/",
    "/kalender/feed.ics",
    "/nyheter/",
    "/nyheter/feed/",
    "/accounts/login/",
]


@pytest.fixture(scope="module")
def server_without_redis(start_server):
    """An app server whose REDIS_URL names a port where nothing listens."""
    return start_server("no-redis", REDIS_URL=f"redis://127.0.0.1:{free_port()}/{REDIS_DB}")


def test_without_redis_every_public_page_answers_and_the_health_check_says_503(
    server_without_redis, visitor
):
    for path in PAGES:
        response = visitor.get(server_without_redis, path)
        assert response.status_code == 200, f"{path}: {response.status_code}"

    health = visitor.get(server_without_redis, "/healthz/")
    assert health.status_code == 503
    # The load balancer learns no more than that; what failed is in the server's log.
    assert health.content == b"unavailable"
    assert "Redis unreachable" in server_without_redis.log_tail()


def test_with_redis_the_health_check_says_200(server_a, visitor):
    health = visitor.get(server_a, "/healthz/")

    assert health.status_code == 200
    assert health.content == b"ok"


def test_without_redis_a_login_is_refused_with_429_rather_than_left_uncounted(
    deployment, server_a, server_without_redis, visitor
):
    # The right password: the rate limits cannot be counted, so no attempt gets through.
    refused = visitor.log_in(server_without_redis, MEMBER_EMAIL, deployment.password)

    assert refused.status_code == 429
    assert not visitor.is_member_on(server_a)
    # Where Redis answers, the same member logs in.
    assert visitor.log_in(server_a, MEMBER_EMAIL, deployment.password).status_code == 302


def test_without_redis_a_member_logged_in_before_stays_logged_in(
    deployment, server_a, server_without_redis, visitor
):
    assert visitor.log_in(server_a, MEMBER_EMAIL, deployment.password).status_code == 302

    # Sessions live in the database; Redis only spares a query.
    assert visitor.is_member_on(server_without_redis)


def test_a_redis_restart_logs_nobody_out(deployment, server_a, server_b, visitor):
    assert visitor.log_in(server_a, MEMBER_EMAIL, deployment.password).status_code == 302
    assert visitor.is_member_on(server_b)

    # What a restart without persistence leaves: an empty Redis.
    deployment.redis().flushdb()

    assert visitor.is_member_on(server_b)
    assert visitor.is_member_on(server_a)


@pytest.fixture(scope="module")
def silent_redis():
    """A port that takes connections and never answers, like a Redis that hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_a_redis_that_never_answers_holds_pages_up_for_a_moment_not_for_ever(
    start_server, silent_redis, visitor
):
    server = start_server("silent-redis", REDIS_URL=f"redis://127.0.0.1:{silent_redis}/0")

    started = time.monotonic()
    for path in PAGES:
        assert visitor.get(server, path).status_code == 200, path
    elapsed = time.monotonic() - started

    # One short socket timeout, then Redis is left alone for a few seconds: without that,
    # every cache call of every page would wait (by default for ever).
    assert elapsed < 10, f"{len(PAGES)} pages took {elapsed:.1f} s"
