from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

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
