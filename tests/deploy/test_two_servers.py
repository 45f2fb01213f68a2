"""Two app servers behind one load balancer share everything a visitor notices."""

import re

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings

from tests.deploy import ADMIN_EMAIL, CASE_PATH, MEMBER_EMAIL, TOTP_SECRET, FormFields, Visitor

pytestmark = pytest.mark.deploy


def heading(response):
    return re.search(r"<h1[^>]*>\s*([^<]*?)\s*<", response.text).group(1)


def text_of_errors(response):
    return re.findall(r'class="[^"]*error[^"]*"[^>]*>\s*([^<]{0,200})', response.text)


def test_a_case_an_editor_publishes_in_the_admin_on_one_server_shows_at_once_on_the_other(
    deployment, server_a, server_b, visitor
):
    editor = Visitor()
    login = editor.log_in(server_a, ADMIN_EMAIL, deployment.password, totp_secret=TOTP_SECRET)
    assert login.status_code == 302, login.text
    # The userbar on the case page leads the editor to the page's edit form.
    case_page = editor.get(server_a, CASE_PATH)
    edit_path = re.search(r"/admin/pages/\d+/edit/", case_page.text).group(0)
    form = editor.get(server_a, edit_path)
    assert form.status_code == 200
    assert heading(visitor.get(server_b, CASE_PATH)) == "Idésluss iCare4 Fyrbodal"

    fields = [
        (name, "Idésluss iCare4 Fyrbodal 2026" if name == "title" else value)
        for name, value in FormFields(form.text, "page-edit-form").fields
    ]
    published = editor.post(server_a, edit_path, [*fields, ("action-publish", "action-publish")])

    assert published.status_code == 302, text_of_errors(published)
    assert heading(visitor.get(server_b, CASE_PATH)) == "Idésluss iCare4 Fyrbodal 2026"
    # The case index, narrowed to the coordinator (text search waits for the task worker).
    listed = visitor.get(server_b, "/case/?organisation=uddevalla-kommun")
    assert "Idésluss iCare4 Fyrbodal 2026" in listed.text


def test_a_member_who_logs_in_on_one_server_is_logged_in_on_the_other_and_out_of_both(
    deployment, server_a, server_b, visitor
):
    assert visitor.log_in(server_a, MEMBER_EMAIL, deployment.password).status_code == 302

    assert visitor.is_member_on(server_b)
    assert visitor.is_member_on(server_a)

    assert visitor.post(server_b, "/accounts/logout/", {}).status_code == 302
    assert not visitor.is_member_on(server_a)
    assert not visitor.is_member_on(server_b)


def test_failed_logins_spread_over_both_servers_count_against_one_limit(
    server_a, server_b, visitor, fresh_rate_limits
):
    # allauth's login_failed limit per address tried, e.g. "5/5m/key": the sixth is refused.
    per_address = min(
        rate.amount
        for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
        if rate.per == "key"
    )
    servers = [server_a, server_b]
    answers = []
    for attempt in range(per_address + 1):
        response = visitor.post(
            servers[attempt % 2],
            "/en/accounts/login/",
            {"login": "gissning@example.org", "password": f"wrong-{attempt}"},
        )
        answers.append("Too many failed login attempts" in response.text)

    # Each server saw fewer failures than the limit; together they reached it.
    assert answers == [False] * per_address + [True]
