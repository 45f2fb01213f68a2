"""Accounts in Wagtail's audit log (Reports → Site history, and each member's history).

Failed logins (the address tried and the client's address, never the password),
approvals and suspensions, each with who acted: a network admin, or nobody for an
approval by a registered email domain. The actions are registered in wagtail_hooks.py.
Moderation of cases needs nothing here: Wagtail logs its workflow decisions itself.
"""

from allauth.account.utils import filter_users_by_email
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Site

from .models import MemberProfile

LOGIN_FAILED = "members.login_failed"
APPROVED = "members.approve"
SUSPENDED = "members.suspend"

DECISION_ACTIONS = {
    MemberProfile.Status.APPROVED: APPROVED,
    MemberProfile.Status.SUSPENDED: SUSPENDED,
}


def log_failed_login(address, client_ip):
    """One failed login: on the member's history when the address is someone's, else on
    the site's, so that guesses at unknown addresses show too."""
    data = {"email": address, "ip": client_ip}
    users = filter_users_by_email(address, prefer_verified=True) if address else []
    profile = MemberProfile.objects.filter(user__in=users).first()
    if profile is not None:
        return log(profile, LOGIN_FAILED, data=data)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is not None:
        return log(site, LOGIN_FAILED, title=address or "?", data=data)
    return None


def log_decision(profile, status, user=None, previous=None, organisation=None):
    """An approval or suspension; `user` is the network admin who decided, if anyone did."""
    data = {"from": previous or "", "automatic": user is None}
    if organisation is not None:
        data["organisation"] = organisation.name
    return log(profile, DECISION_ACTIONS[status], user=user, data=data)


class FailedLoginFormatter(LogFormatter):
    label = _("Failed login")

    def format_message(self, log_entry):
        return _("Failed login as %(email)s from %(ip)s") % {
            "email": log_entry.data.get("email", ""),
            "ip": log_entry.data.get("ip", ""),
        }


class ApprovedFormatter(LogFormatter):
    label = _("Approve member")

    def format_message(self, log_entry):
        if log_entry.data.get("automatic"):
            return _("Approved automatically: verified address at %(organisation)s") % {
                "organisation": log_entry.data.get("organisation", "")
            }
        return _("Approved membership")


class SuspendedFormatter(LogFormatter):
    label = _("Suspend member")
    message = _("Suspended membership")


def register_actions(actions):
    actions.register_action(LOGIN_FAILED)(FailedLoginFormatter)
    actions.register_action(APPROVED)(ApprovedFormatter)
    actions.register_action(SUSPENDED)(SuspendedFormatter)
