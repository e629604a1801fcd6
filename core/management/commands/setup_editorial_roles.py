"""Create or complete the editorial groups, their permissions and the moderation workflows."""

from django.core.management.base import BaseCommand

from core.roles import apply_editorial_roles


class Command(BaseCommand):
    help = (
        "Crée ou complète les groupes (Délégation du réseau, Éditeurs <structure>), leurs "
        "droits et les workflows de validation. Peut être relancée sans effet de bord."
    )

    def handle(self, *args, **options) -> None:
        apply_editorial_roles()
        self.stdout.write(self.style.SUCCESS("Rôles éditoriaux et workflows à jour."))
