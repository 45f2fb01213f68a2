from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import MemberProfile


class SuspendedMemberMiddleware:
    """A suspended member's session ends on their next request, whichever server takes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            status = (
                MemberProfile.objects.filter(user_id=user.pk)
                .values_list("status", flat=True)
                .first()
            )
            if status == MemberProfile.Status.SUSPENDED:
                logout(request)
                return redirect(reverse("members:suspended"))
        return self.get_response(request)


class AdminRequiresMFAMiddleware:
    """Editors and network admins use the Wagtail admin only with two-factor authentication.

    Whoever may enter the admin and has no authenticator app yet is sent to set one up;
    from then on allauth asks for a code (or a recovery code) at every login. Members
    need not use it. Only sessions that allauth logged in are asked: every login page,
    the admin's and Wagtail's own included, leads to allauth (network/urls.py), so the
    sessions left out are those code makes directly, like the test client's force_login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_set_up(request):
            messages.warning(
                request,
                _(
                    "The admin is open to editors and network admins with two-factor "
                    "authentication only. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def must_set_up(self, request):
        path = request.path_info
        if not path.startswith(reverse("wagtailadmin_home")):
            return False
        if path == reverse("wagtailadmin_logout"):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if not get_authentication_records(request, user):
            return False
        if not user.has_perm("wagtailadmin.access_admin"):
            return False  # Wagtail turns them away itself
        return not is_mfa_enabled(user, [Authenticator.Type.TOTP])
