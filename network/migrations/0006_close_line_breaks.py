"""Line breaks in members' case text as Wagtail stores them (<br/>), in pages and revisions.

The members' form used to write <br>, which Wagtail's rich-text editor cannot read:
the editor's page for such a case answered 500.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Replace

SECTIONS = ["challenge", "approach", "results", "innovation", "failures", "lessons"]


def close_line_breaks(apps, schema_editor):
    CasePage = apps.get_model("network", "CasePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    CasePage.objects.update(
        **{name: Replace(F(name), Value("<br>"), Value("<br/>")) for name in SECTIONS}
    )
    content_type = ContentType.objects.filter(app_label="network", model="casepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        changed = False
        for name in SECTIONS:
            value = revision.content.get(name)
            if isinstance(value, str) and "<br>" in value:
                revision.content[name] = value.replace("<br>", "<br/>")
                changed = True
        if changed:
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_content_versions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(close_line_breaks, migrations.RunPython.noop)]
