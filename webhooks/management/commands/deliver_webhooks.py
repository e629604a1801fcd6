"""Send the webhook deliveries that are due (first attempts that did not happen, retries)."""

from django.core.management.base import BaseCommand

from webhooks.delivery import deliver, due_ids


class Command(BaseCommand):
    help = "Envoie les livraisons de webhooks en attente dont l'heure est venue."

    def handle(self, *args, **options) -> None:
        ids = due_ids()
        delivered, failed = deliver(ids)
        self.stdout.write(
            f"Livraisons dues : {len(ids)} ; livrées : {delivered} ; en échec : {failed}."
        )
