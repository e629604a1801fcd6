"""Read the bounces that came back by mail and record the permanent ones; run by the timers.

Safe to run at any time, and twice: a message is read once (`newsletter/mailboxes.py`), and a
bounce already recorded is not counted again (`newsletter/bounces.py`).
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ...bounces import Outcome, process
from ...mailboxes import MailboxError, open_mailbox


class Command(BaseCommand):
    help = (
        "Lit les avis de non-remise (RFC 3464) arrivés dans NEWSLETTER_BOUNCE_MAILBOX, enregistre "
        "les refus définitifs par abonné (l'adresse est abandonnée au-delà de "
        "NEWSLETTER_BOUNCE_LIMIT) et ignore les échecs temporaires et les autres messages."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--mailbox",
            default=settings.NEWSLETTER_BOUNCE_MAILBOX,
            help="boîte à lire (par défaut NEWSLETTER_BOUNCE_MAILBOX)",
        )

    def handle(self, *args, mailbox: str, **options):
        if not mailbox:
            self.stdout.write(
                "Aucune boîte de retours configurée (NEWSLETTER_BOUNCE_MAILBOX) : rien à lire."
            )
            return
        try:
            box = open_mailbox(mailbox)
        except MailboxError as error:
            raise CommandError(str(error)) from error
        outcomes: Counter[Outcome] = Counter()
        try:
            for key, raw in box.unread():
                outcomes[process(raw)] += 1  # a database error stops here: the message stays
                box.done(key)
        except MailboxError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"Base de données indisponible ({error}) : le message en cours et les suivants "
                "restent dans la boîte pour le prochain passage."
            ) from error
        finally:
            box.close()
        total = sum(outcomes.values())
        details = ", ".join(f"{outcomes[o]} {o.value}" for o in Outcome if outcomes[o])
        summary = f"{total} message(s) lu(s) dans {box}"
        self.stdout.write(f"{summary} : {details}." if details else f"{summary}.")
