"""The « Envoi » view of an issue: test send to oneself, then sending to the subscribers."""

import smtplib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from .choices import DeliveryStatus, SubscriberStatus
from .models import IssueSending, NewsletterIssuePage, Subscriber
from .sending import SendingRefused, queue, refusal, send_test


@require_http_methods(["GET", "POST"])
def sending_view(request, page_id: int):
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    permissions = issue.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "test":
                address = send_test(issue, request.user)
                messages.success(request, f"Envoi de test fait à {address}.")
            elif action == "send":
                queue(issue, request.user)
                messages.success(
                    request,
                    "Envoi demandé : il commence dans la minute et suit le rythme réglé "
                    "(NEWSLETTER_RATE_PER_MINUTE).",
                )
            else:
                messages.error(request, "Action inconnue.")
        except SendingRefused as error:
            messages.error(request, str(error))
        except (smtplib.SMTPException, OSError) as error:
            messages.error(request, f"Le serveur de messagerie a refusé l'envoi de test : {error}")
        return redirect("newsletter_sending", page_id=issue.pk)
    sending = IssueSending.objects.filter(issue=issue).first()
    counts = sending.counts() if sending else {}
    context = {
        "issue": issue,
        "sending": sending,
        "counts": [(DeliveryStatus(status).label, n) for status, n in counts.items()],
        "uncertain": counts.get(DeliveryStatus.UNCERTAIN, 0),
        "failures": sending.deliveries.filter(
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN]
        ).select_related("subscriber")[:200]
        if sending
        else [],
        "refusal": refusal(issue, request.user),
        "subscribers": Subscriber.objects.filter(status=SubscriberStatus.ACTIVE).count(),
    }
    return TemplateResponse(request, "newsletter/admin/sending.html", context)
