"""Nothing slow or fallible inside a request: a gunicorn app server and a task worker
(`manage.py db_worker`) with production settings, and a mail server that is down.

A member registers for an event: the page answers at once. The worker tries to send the
confirmation and fails; once the mail server is up, the member gets it, exactly once.
Wagtail's own tasks (the search index) run in the same worker.

Its own database (created, migrated and dropped here, not pytest-django's) and its own
cache key prefix; skipped unless DATABASE_URL is PostgreSQL and REDIS_URL is set.
"""

import email.header
import os
import secrets
import subprocess
import sys
import time

import psycopg
import pytest
import redis

from tests.deploy import (
    BASE_DIR,
    DATABASE_URL,
    HOST,
    REDIS_URL,
    Server,
    Visitor,
    create_database,
    database_url,
    drop_database,
    free_port,
)
from tests.deploy.worker_support import SMTPSink, TaskWorker, wait_for
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not REDIS_URL,
        reason="needs DATABASE_URL=postgres://… and REDIS_URL (.ci/run's second phase)",
    ),
]

MEMBER = "lina.aberg@uddevalla.se"
TITLE = "Verkstad i innovationsledning"
# Short waits between attempts, so that the test sees a retry within seconds.
RETRY_DELAYS = "1,2,3,5,10"

SETUP = f"""
from tests.factories import make_event, make_event_index, make_home_page, make_member
home = make_home_page()
event = make_event(make_event_index(home), title={TITLE!r}, slug="verkstad",
                   registration_enabled=True, capacity=40)
make_member({MEMBER!r})
print(event.pk)
"""


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated database with a calendar, an event and a member; the mail server's port."""
    workdir = tmp_path_factory.mktemp("worker")
    database = f"samverkan_worker_{os.getpid()}"
    prefix = f"samverkan-worker-{os.getpid()}"
    mail_port = free_port()  # nothing listens there until the test starts the mail server
    ignored = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(
        DJANGO_SETTINGS_MODULE="network.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        DATABASE_URL=database_url(database),
        CACHE_KEY_PREFIX=prefix,
        TASKS_BACKEND="database",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="5",
        EMAIL_RETRY_DELAYS=RETRY_DELAYS,
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    create_database(database)
    try:
        # The manifest of static files is collected while the database is migrated.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        manage(env, "migrate", "--noinput")
        _, errors = collect.communicate(timeout=300)
        assert collect.returncode == 0, errors
        event_id = int(manage(env, "shell", "-c", SETUP).split()[-1])
        yield {"env": env, "event_id": event_id, "mail_port": mail_port, "logs": workdir}
    finally:
        drop_database(database)
        connection = redis.Redis.from_url(REDIS_URL)
        for key in connection.scan_iter(match=f"{prefix}:*"):
            connection.delete(key)


def query(env, sql):
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute(sql).fetchall()


def confirmation_email(env):
    rows = query(env, "SELECT status, attempts, last_error FROM network_outgoingemail")
    return rows[0] if rows else None


def test_a_registration_answers_at_once_and_is_confirmed_once_the_mail_server_is_back(site):
    env = site["env"]
    server = Server("app", env, site["logs"], workers=2)
    worker = TaskWorker(env, BASE_DIR, site["logs"] / "worker.log")
    try:
        server.start()
        with worker:
            member = Visitor()
            assert member.log_in(server, MEMBER, PASSWORD).status_code == 302

            started = time.monotonic()
            response = member.post(server, f"/kalender/anmalan/{site['event_id']}/", {})
            elapsed = time.monotonic() - started

            assert response.status_code == 302, response.text[:500]
            assert elapsed < 1.0, f"the registration took {elapsed:.2f} s"
            print(f"registration answered in {elapsed * 1000:.0f} ms")
            assert "Avboka min anmälan" in member.get(server, "/kalender/verkstad/").text

            # The worker has tried, and the mail server was not there.
            status, attempts, error = wait_for(
                lambda: (row := confirmation_email(env)) and row[1] >= 1 and row,
                timeout=60,
                what="the worker tries to send the confirmation",
                worker=worker,
            )
            assert status in {"queued", "sending"} and "refused" in error.lower(), error

            with SMTPSink(site["mail_port"]) as mail_server:
                came_at = wait_for(
                    lambda: mail_server.received and time.monotonic(),
                    timeout=30,
                    what="the confirmation arrives once the mail server is up",
                    worker=worker,
                )
                time.sleep(3)  # long enough for a second copy, were one on its way
                received = list(mail_server.received)

            print(f"delivered {came_at - started:.1f} s after registering")
            assert len(received) == 1
            [message] = received
            assert message["To"] == MEMBER
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            assert TITLE in subject
            attachments = [part.get_filename() for part in message.walk() if part.get_filename()]
            assert attachments == ["verkstad.ics"]
            status, attempts, error = confirmation_email(env)
            assert (status, error) == ("sent", "") and attempts >= 2

            # Wagtail's own tasks ran in the worker too: the new event is in the search index.
            found = wait_for(
                lambda: TITLE in member.get(server, "/sok/?q=innovationsledning").text,
                timeout=30,
                what="the event is found by search",
                worker=worker,
            )
            assert found
            failed = query(
                env,
                "SELECT task_path, traceback FROM django_tasks_database_dbtaskresult "
                "WHERE status = 'FAILED'",
            )
            assert failed == []
    finally:
        server.stop()
