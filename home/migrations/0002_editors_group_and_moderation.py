"""The "Editors" group and Wagtail's moderation workflow.

Editors run the site: pages (news, standard pages, later events and cases),
images, documents, snippets and the network settings. Wagtail's default
workflow ("Moderators approval", created by wagtailcore) stays on the root
page; its approval task is given to Editors too, so that pages submitted for
moderation (members' cases) reach the editors.
"""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
    (
        "wagtaildocs",
        "document",
        ["add_document", "change_document", "choose_document", "delete_document"],
    ),
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", ["access_admin"]),
    ("home", "networksettings", ["change_networksettings"]),
    ("taggit", "tag", ["add_tag", "change_tag", "delete_tag", "view_tag"]),
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


def create_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name="Editors")

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )

    for app_label, model, codenames in MODEL_PERMISSIONS:
        for codename in codenames:
            editors.permissions.add(permission(apps, app_label, model, codename))

    for task in GroupApprovalTask.objects.filter(active=True):
        task.groups.add(editors)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        # After Wagtail's own data migrations, which create the groups,
        # the default workflow and the collection permissions.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("taggit", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
