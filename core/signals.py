"""Keep each member structure's editors' group in step with the structure."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Organisation
from .permissions import editor_group_name
from .roles import grant_editor_permissions


@receiver(post_save, sender=Organisation)
def ensure_editor_group(sender, instance: Organisation, raw: bool = False, **kwargs) -> None:
    """Every member structure gets its « Éditeurs <sigle> » group, with the editors' rights."""
    if raw:
        return
    name = editor_group_name(instance.acronym)
    group = instance.editor_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        Organisation.objects.filter(pk=instance.pk).update(editor_group=group)
        instance.editor_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    grant_editor_permissions(group)
