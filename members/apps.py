from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from network import people

        from . import signals  # noqa: F401
        from .views import organisation, organisation_members, organisation_name, profile_url

        people.register_profiles(
            profile_url=profile_url,
            organisation_name=organisation_name,
            organisation=organisation,
            membership_status_url=lambda: reverse("members:status"),
            profile_relation="member_profile__organisation",
        )
        people.register_organisation_section(30, organisation_members)
