"""Send the queued issues, throttled; run every minute by the timers. Safe to run twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...sending import run
from ...subscriptions import purge_expired_requests


class Command(BaseCommand):
    help = (
        "Envoie les lettres d'information demandées, au rythme de NEWSLETTER_RATE_PER_MINUTE, "
        "reprend un envoi interrompu sans jamais envoyer deux fois la même lettre à un abonné, "
        "et efface les inscriptions non confirmées à temps."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rate",
            type=int,
            default=settings.NEWSLETTER_RATE_PER_MINUTE,
            help="messages par minute",
        )
        parser.add_argument(
            "--max-seconds", type=float, default=55, help="durée maximale de ce passage (s)"
        )

    def handle(self, *args, rate: int, max_seconds: float, **options):
        if rate < 1:
            raise CommandError("--rate doit être un entier positif (messages par minute).")
        if max_seconds <= 0:
            raise CommandError("--max-seconds doit être positif.")
        purged = purge_expired_requests()
        report = run(rate=rate, max_seconds=max_seconds)
        for name in report.started:
            self.stdout.write(f"Envoi commencé : {name}")
        self.stdout.write(
            f"{report.sent} envoyé(s), {report.failed} échec(s), {report.retried} à réessayer, "
            f"{report.uncertain} interrompu(s), {report.skipped} désinscrit(s) entre-temps, "
            f"{purged} inscription(s) non confirmée(s) effacée(s)."
        )
        for name in report.finished:
            self.stdout.write(f"Envoi terminé : {name}")
        if report.stopped_by:
            raise CommandError(f"Envoi arrêté : {report.stopped_by}")
