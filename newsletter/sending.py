"""Sending issues: queued by the delegation, sent by `manage.py send_newsletters`.

At most once per subscriber, whatever crashes: when a sending starts, one `Delivery` row per
active subscriber is written in one transaction; each delivery is then claimed (an atomic
`UPDATE … WHERE status = 'pending'`, committed, naming the claiming process: host and pid)
before its message goes to the mail server, and marked sent once the server accepted it. After
a crash, the deliveries still pending are sent by the next run; one found claimed by a process
that is gone may have reached its subscriber and is marked « interrompu, non renvoyé », never
sent again. A claimer on this host is gone when its pid is (checked at once, the next run after
a crash finishes the sending); one on another host, or whose pid lives on in another process,
when its claim is older than `STALE_CLAIM`. So a crash costs at most one uncertain message per
running process, and never a duplicate (`tests/newsletter/test_kill_drill.py`: SIGKILL while the
mail server holds a message, then a restart).

Throttling: `NEWSLETTER_RATE_PER_MINUTE` messages a minute, evenly spaced; a run stops before
`max_seconds`, so the timer's next run (a minute later) carries on.
"""

import contextlib
import datetime
import logging
import os
import smtplib
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.changes import Action, announce

from .bounces import record_hard_bounce
from .choices import DeliveryStatus, SendingStatus, SubscriberStatus
from .compose import issue_message
from .models import Delivery, IssueSending, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)
STALE_CLAIM = datetime.timedelta(minutes=10)


class SendingRefused(Exception):
    """Why an issue cannot be sent yet (a French message for the admin)."""


@dataclass
class RunReport:
    started: list[str] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    retried: int = 0
    uncertain: int = 0
    skipped: int = 0
    finished: list[str] = field(default_factory=list)
    stopped_by: str = ""


def sending_for(issue: NewsletterIssuePage) -> IssueSending:
    return IssueSending.objects.get_or_create(issue=issue)[0]


def send_test(issue: NewsletterIssuePage, user) -> str:
    """Send the issue's latest version (a draft included) to the editor's own address."""
    if not user.email:
        raise SendingRefused(
            "Votre compte n'a pas d'adresse électronique : ajoutez-la dans votre profil pour "
            "recevoir l'envoi de test."
        )
    latest = issue.get_latest_revision_as_object() if issue.pk else issue
    issue_message(latest, None, to=user.email).send()
    if issue.pk:
        sending = sending_for(issue)
        sending.test_sent_at = timezone.now()
        sending.test_sent_by = user
        sending.save(update_fields=["test_sent_at", "test_sent_by"])
    return user.email


def refusal(issue: NewsletterIssuePage, user) -> str:
    """Why `user` may not send `issue` now; empty when they may."""
    sending = IssueSending.objects.filter(issue=issue).first()
    if not issue.permissions_for_user(user).can_publish():
        return "Seule la délégation du réseau envoie la lettre."
    if sending and sending.requested_at:
        return "Cette lettre a déjà été envoyée (ou son envoi est en cours)."
    if not issue.live:
        return "Publiez d'abord la lettre : la version publiée est celle qui est envoyée."
    if issue.has_unpublished_changes:
        return "La lettre a des modifications non publiées : publiez-les ou annulez-les d'abord."
    if not (sending and sending.test_sent_at) or (
        issue.last_published_at and sending.test_sent_at < issue.last_published_at
    ):
        return "Faites d'abord un envoi de test de la version publiée."
    return ""


def queue(issue: NewsletterIssuePage, user) -> IssueSending:
    """Ask for the issue to be sent by the next run of `send_newsletters`."""
    with transaction.atomic():
        sending = IssueSending.objects.select_for_update().get(pk=sending_for(issue).pk)
        reason = refusal(NewsletterIssuePage.objects.get(pk=issue.pk), user)
        if reason:
            raise SendingRefused(reason)
        sending.status = SendingStatus.QUEUED
        sending.requested_at = timezone.now()
        sending.requested_by = user
        sending.save(update_fields=["status", "requested_at", "requested_by"])
    return sending


def start_queued(report: RunReport) -> None:
    """Write the deliveries of each queued sending: its recipients are fixed from now on."""
    for sending in IssueSending.objects.filter(status=SendingStatus.QUEUED).order_by("pk"):
        with transaction.atomic():
            recipients = Subscriber.objects.filter(status=SubscriberStatus.ACTIVE).values_list(
                "pk", flat=True
            )
            Delivery.objects.bulk_create(
                [Delivery(sending=sending, subscriber_id=pk) for pk in recipients.iterator()],
                ignore_conflicts=True,
                batch_size=500,
            )
            IssueSending.objects.filter(pk=sending.pk, status=SendingStatus.QUEUED).update(
                status=SendingStatus.SENDING, started_at=timezone.now()
            )
        report.started.append(str(sending))


INTERRUPTED = "Envoi interrompu (arrêt du programme) : peut-être reçu, non renvoyé."


def this_process() -> str:
    """`host:pid`, what a claim records of the process that made it."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _is_gone(claimed_by: str) -> bool:
    """Whether the process that made a claim is known to be gone: on this host, its pid is
    free, or is this very process (which, starting a run, holds no claim). Elsewhere: unknown."""
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, run by another user
        return False
    return False


def recover_interrupted(report: RunReport) -> None:
    """Deliveries claimed by a run that died: perhaps sent, so never sent again."""
    claimed = Delivery.objects.filter(status=DeliveryStatus.SENDING)
    stale = timezone.now() - STALE_CLAIM
    gone = [
        pk
        for pk, claimed_by in claimed.exclude(claimed_by="").values_list("pk", "claimed_by")
        if _is_gone(claimed_by)
    ]
    report.uncertain += claimed.filter(Q(claimed_at__lt=stale) | Q(pk__in=gone)).update(
        status=DeliveryStatus.UNCERTAIN, error=INTERRUPTED
    )


def _claim(delivery: Delivery) -> bool:
    return bool(
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING,
            claimed_at=timezone.now(),
            claimed_by=this_process(),
            attempts=F("attempts") + 1,
        )
    )


def _mark(delivery: Delivery, status: DeliveryStatus, error: str = "") -> None:
    values = {"status": status, "error": error[:500]}
    if status == DeliveryStatus.SENT:
        values["sent_at"] = timezone.now()
    if status == DeliveryStatus.PENDING:
        values["claimed_at"], values["claimed_by"] = None, ""
    Delivery.objects.filter(pk=delivery.pk).update(**values)


def _answer(code: int, text: bytes | str) -> str:
    text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()


def _refused(delivery: Delivery, code: int, answer: str, report: RunReport, *, bounce: bool):
    """A refusal from the server: nothing was sent. 5xx: failed for good; 4xx: retried later."""
    if code < 500 and delivery.attempts + 1 < settings.NEWSLETTER_MAX_ATTEMPTS:
        _mark(delivery, DeliveryStatus.PENDING, answer)
        report.retried += 1
        return
    report.failed += 1
    if bounce and code >= 500:
        record_hard_bounce(delivery, answer)  # the address given up past NEWSLETTER_BOUNCE_LIMIT
    else:
        _mark(delivery, DeliveryStatus.FAILED, answer)


def _next_pending(exclude: set[int]) -> Delivery | None:
    return (
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, sending__status=SendingStatus.SENDING
        )
        .exclude(pk__in=exclude)
        .select_related("subscriber")
        .order_by("sending__requested_at", "pk")
        .first()
    )


def send_pending(
    report: RunReport,
    *,
    rate: int,
    max_seconds: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send pending deliveries, `rate` a minute, until none is left or `max_seconds` passed."""
    interval = 60 / rate
    deadline = clock() + max_seconds
    if _next_pending(set()) is None:
        return
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        report.stopped_by = f"serveur de messagerie injoignable : {error}"
        logger.error("Newsletter: cannot connect to the mail server: %s", error)
        return
    issues: dict[int, NewsletterIssuePage] = {}
    seen: set[int] = set()
    try:
        while (delivery := _next_pending(seen)) is not None:
            seen.add(delivery.pk)
            if not _claim(delivery):
                continue  # another run took it
            subscriber = delivery.subscriber
            if subscriber is None or subscriber.status != SubscriberStatus.ACTIVE:
                _mark(delivery, DeliveryStatus.SKIPPED)
                report.skipped += 1
                continue
            if delivery.sending_id not in issues:
                sending = IssueSending.objects.select_related("issue").get(pk=delivery.sending_id)
                issues[delivery.sending_id] = sending.issue
            message = issue_message(
                issues[delivery.sending_id], subscriber, delivery_id=delivery.pk
            )
            message.connection = connection
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as error:
                code, text = next(iter(error.recipients.values()))
                _refused(delivery, code, _answer(code, text), report, bounce=True)
            except smtplib.SMTPSenderRefused as error:
                _mark(delivery, DeliveryStatus.PENDING, _answer(error.smtp_code, error.smtp_error))
                report.stopped_by = (
                    f"expéditeur refusé : {_answer(error.smtp_code, error.smtp_error)}"
                )
                break
            except smtplib.SMTPDataError as error:
                answer = _answer(error.smtp_code, error.smtp_error)
                _refused(delivery, error.smtp_code, answer, report, bounce=False)
            except (smtplib.SMTPException, OSError) as error:
                # The connection broke while this message was under way: it may have arrived.
                _mark(delivery, DeliveryStatus.UNCERTAIN, f"Connexion interrompue : {error}")
                report.uncertain += 1
                report.stopped_by = f"connexion au serveur de messagerie interrompue : {error}"
                break
            else:
                _mark(delivery, DeliveryStatus.SENT)
                report.sent += 1
            if clock() + interval > deadline:
                break
            sleep(interval)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()


def finish_done(report: RunReport) -> None:
    """Sendings with nothing left to send are done; their issue's API entry says when."""
    unfinished = [DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    for sending in IssueSending.objects.filter(status=SendingStatus.SENDING):
        if sending.deliveries.filter(status__in=unfinished).exists():
            continue
        with transaction.atomic():
            IssueSending.objects.filter(pk=sending.pk).update(
                status=SendingStatus.SENT, finished_at=timezone.now()
            )
            announce(NewsletterIssuePage, Action.SAVE, pks=[sending.issue_id])
        report.finished.append(str(sending))


def run(
    *,
    rate: int | None = None,
    max_seconds: float = 55,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> RunReport:
    """One run of the timer: recover, start what was queued, send, close what is done."""
    report = RunReport()
    recover_interrupted(report)
    start_queued(report)
    send_pending(
        report,
        rate=rate or settings.NEWSLETTER_RATE_PER_MINUTE,
        max_seconds=max_seconds,
        clock=clock,
        sleep=sleep,
    )
    finish_done(report)
    return report
