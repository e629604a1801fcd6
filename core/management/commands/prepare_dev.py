"""What `make run` does before starting the development server, in one process: apply the
migrations, load the demo content, create the development superuser.

Each `manage.py` command pays Django's start (about 1.7 s here: every app, model and Wagtail
hook imported); run as three commands, these steps took 8.7 s before the server even started
(bench/admin_first_page.py --server runserver, README « The admin's first page after login »).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prépare le développement en une fois : migrations, contenu de démonstration, "
        "super-utilisateur de développement (ce que fait `make run` avant de lancer le serveur)."
    )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("load_demo_data", verbosity=verbosity, stdout=self.stdout)
        call_command("create_dev_superuser", verbosity=verbosity, stdout=self.stdout)
