"""Create the network delegation's group and one editors' group per existing member structure.

Permissions and workflows, which depend on the page tree, are applied by
`manage.py setup_editorial_roles` (also run by `load_demo_data`).
"""

from django.db import migrations

DELEGATION_GROUP_NAME = "Délégation du réseau"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Organisation = apps.get_model("core", "Organisation")
    Group.objects.get_or_create(name=DELEGATION_GROUP_NAME)
    for organisation in Organisation.objects.filter(editor_group__isnull=True):
        group, _ = Group.objects.get_or_create(name=f"Éditeurs {organisation.acronym}")
        organisation.editor_group = group
        organisation.save(update_fields=["editor_group"])


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Organisation = apps.get_model("core", "Organisation")
    group_ids = list(Organisation.objects.values_list("editor_group_id", flat=True))
    Organisation.objects.update(editor_group=None)
    Group.objects.filter(pk__in=[g for g in group_ids if g]).delete()
    Group.objects.filter(name=DELEGATION_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
