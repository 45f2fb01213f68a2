"""The groups "Members" and "Network admins", and a profile for every existing account.

Approval puts a member in "Members", whose permission (access_members_only) is
what other apps ask for; "Network admins" approve and suspend members and
manage organisations in the Wagtail admin.
"""

from django.db import migrations

MEMBERS = [("members", "memberprofile", "access_members_only")]
NETWORK_ADMINS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("members", "memberprofile", "access_members_only"),
    ("members", "memberprofile", "moderate_members"),
    ("members", "memberprofile", "view_memberprofile"),
    ("members", "memberprofile", "change_memberprofile"),
    ("network", "organisation", "add_organisation"),
    ("network", "organisation", "change_organisation"),
    ("network", "organisation", "delete_organisation"),
    ("network", "organisation", "view_organisation"),
    ("wagtailimages", "image", "choose_image"),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return perm


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, permissions in (("Members", MEMBERS), ("Network admins", NETWORK_ADMINS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            group.permissions.add(permission(apps, app_label, model, codename))


def create_missing_profiles(apps, schema_editor):
    User = apps.get_model("auth", "User")
    MemberProfile = apps.get_model("members", "MemberProfile")
    for user in User.objects.filter(member_profile__isnull=True):
        MemberProfile.objects.create(user=user, slug=f"medlem-{user.pk}")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_initial"),
        ("network", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
        migrations.RunPython(create_missing_profiles, migrations.RunPython.noop),
    ]
