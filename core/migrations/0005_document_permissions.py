"""Editors' document rights on Wagtail's document permissions, which its policy checks.

The groups held `core.*_sitedocument` collection permissions, which Wagtail never checks for
documents (it checks `wagtaildocs.*_document`, whatever `WAGTAILDOCS_DOCUMENT_MODEL`): nobody but
superusers could upload or choose a document. Each such right becomes the same right on
Wagtail's document permissions, on the same collection.
"""

from django.db import migrations


def move_rights(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    wagtail_documents = ContentType.objects.filter(app_label="wagtaildocs", model="document").first()
    if wagtail_documents is None:
        return
    stale = GroupCollectionPermission.objects.filter(
        permission__content_type__app_label="core", permission__content_type__model="sitedocument"
    ).select_related("permission")
    for right in stale:
        action = right.permission.codename.split("_", 1)[0]
        permission = Permission.objects.filter(
            content_type=wagtail_documents, codename=f"{action}_document"
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group_id=right.group_id, collection_id=right.collection_id, permission=permission
            )
        right.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_version"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(move_rights, migrations.RunPython.noop)]
