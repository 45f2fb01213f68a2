"""Calendar imports and refreshes as background tasks: cron enqueues, a worker imports."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task_backends

from events.models import EventPage, ExternalCalendar
from tests.factories import make_event, make_event_index, make_organisation

pytestmark = pytest.mark.django_db
FEEDS = Path(__file__).parent / "feeds"

# Stores what is enqueued, as the database backend does, until the "worker" below runs it.
STORED_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "QUEUES": ["default", "calendar"],
    }
}


def run_worker(queue):
    """What `manage.py db_worker --queue-name <queue>` does with what is queued there."""
    backend = task_backends["default"]
    ran = []
    for result in [r for r in backend.results if r.task.queue_name == queue]:
        backend.results.remove(result)
        ran.append(result.task.call(*result.args, **result.kwargs))
    return ran


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@override_settings(TASKS=STORED_TASKS)
def test_the_hourly_run_queues_one_import_per_calendar_and_a_worker_imports_them(
    calendar, monkeypatch
):
    boras = make_organisation()
    source = ExternalCalendar.objects.create(
        name="Borås sammanträden", url="https://boras.example/moten.ics", organisation=boras
    )
    ExternalCalendar.objects.create(
        name="Gammal kalender",
        url="https://boras.example/gammal.ics",
        organisation=boras,
        active=False,
    )
    fetched = []
    monkeypatch.setattr(
        "events.importer.saving.fetch",
        lambda url: fetched.append(url) or (FEEDS / "boras.ics").read_bytes(),
    )
    out = io.StringIO()

    call_command("import_calendars", "--enqueue", stdout=out)

    assert out.getvalue() == "1 calendar imports queued.\n"
    assert fetched == []  # the command only queued: nothing was fetched yet
    # On a queue of its own, so that email never waits behind a slow feed.
    queued = [
        r.task.name for r in task_backends["default"].results if r.task.queue_name != "default"
    ]
    assert queued == ["import_external_calendar"]
    [report] = run_worker("calendar")
    assert fetched == ["https://boras.example/moten.ics"]
    assert report.startswith("2 nya, 0 uppdaterade, 0 återkallade, 1 överhoppade")
    source.refresh_from_db()
    assert source.last_report == report and source.last_imported_at is not None
    assert EventPage.objects.filter(import_record__source=source, live=True).count() == 2


@override_settings(TASKS=STORED_TASKS)
def test_the_refresh_after_an_upgrade_can_be_left_to_a_worker(calendar):
    make_event(calendar, title="Nätverksträff")
    out = io.StringIO()

    call_command("refresh_calendar", "--enqueue", stdout=out)

    assert out.getvalue() == "Calendar refresh queued.\n"
    assert run_worker("calendar") == [0]  # nothing had changed: no new SEQUENCE

    call_command("refresh_calendar", stdout=out)  # or at once, without a worker
    assert out.getvalue().endswith("0 calendar entries changed.\n")
