"""Demo people for seed_demo: the network's staff and about 30 members.

The records are in members/fixtures/demo/members.json, found again by email. The staff
(the admin, an editor and a network admin) come first, with their groups; like everyone
they are people of the network, and none of them heads the directory.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from network.demo_builder import fixture, portrait

from .models import MemberProfile

PROFILE_FIELDS = [
    "organisation_name",
    "title",
    "county",
    "bio",
    "languages",
    "phone",
    "is_idea_coach",
    "visibility",
]


def seed_members(organisations, password=None):
    """Everyone in the data file who is not there yet; returns how many were created."""
    User = get_user_model()
    created = 0
    for record in fixture("members", "members"):
        email = record["email"]
        superuser = record.get("superuser", False)
        user, is_new = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "first_name": record["first_name"],
                "last_name": record["last_name"],
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if not is_new:
            continue
        created += 1
        # Demo logins only where nobody else can reach them.
        if password and settings.DEBUG:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        for name in record.get("groups", []):
            user.groups.add(Group.objects.get(name=name))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        profile = user.member_profile
        profile.slug = ""
        profile.organisation = organisations.get(record.get("organisation"))
        for name in PROFILE_FIELDS:
            if name in record:
                setattr(profile, name, record[name])
        profile.privacy_accepted_at = timezone.now()
        profile.photo = portrait(profile.name, email)
        profile.save()
        profile.expertise.set(record.get("expertise", []))
        if record["status"] != MemberProfile.Status.PENDING:
            profile.set_status(record["status"])
    return created
