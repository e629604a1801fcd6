"""Load the demo content: each installed app may contribute a `demo` module with `load(report)`.

Apps run in `INSTALLED_APPS` order (core first, then home, then the sections), in one
transaction, and every loader is idempotent: running the command twice changes nothing.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.db_statistics import refresh_statistics
from core.demo_tools import DemoReport


class Command(BaseCommand):
    help = "Charge le contenu de démonstration du Réseau RECI (peut être relancée sans doublon)."

    def handle(self, *args, **options) -> None:
        report = DemoReport()
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name == module_name:
                        continue
                    raise
                if options["verbosity"] > 1:
                    self.stdout.write(f"… {app_config.verbose_name}")
                module.load(report)
        refresh_statistics()  # a whole site loaded at once (core/db_statistics.py)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé :"))
        for line in report.lines():
            self.stdout.write(f"  {line}")
