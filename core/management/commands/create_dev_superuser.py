"""Create the development superuser printed by `make run`; refused outside DEBUG."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "reci-dev-admin"


class Command(BaseCommand):
    help = "Crée le super-utilisateur de développement (uniquement avec DEBUG activé)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusé : le super-utilisateur de développement n'existe qu'avec DEBUG=True."
            )
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        state = "créé" if created else "déjà présent"
        self.stdout.write(f"Super-utilisateur de développement ({state}) : {USERNAME} / {PASSWORD}")
