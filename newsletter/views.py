"""Public pages of the newsletter: subscribe, confirm, unsubscribe, choose one's themes.

No account: every link carries a signed token (`newsletter/tokens.py`). Links that change
something show a button first (a GET never changes anything: mail scanners open links), except
the one-click unsubscribe a mail client POSTs (RFC 8058), which needs no CSRF token.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.security import client_ip

from . import ratelimit
from .choices import SubscriberStatus
from .forms import PreferencesForm, SubscribeForm
from .subscriptions import MessageNotSent, confirm, request_subscription, unsubscribe
from .tokens import ExpiredToken, InvalidToken, Purpose, read_token

HOUR = 3600


def token_kept_out_of_statistics(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The audience statistics count the view's path without its token (`request.audience_path`,
    `audience/rules.py`): a signed link holds the subscriber's address, readable by anyone."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        request.audience_path = request.path.replace(f"/{token}/", "/", 1)
        return view(request, token)

    return wrapped


def _message(request, title: str, text: str, *, status: int = 200, **extra) -> HttpResponse:
    context = {"title": title, "text": text, **extra}
    return render(request, "newsletter/message.html", context, status=status)


def _token_error(request, error: Exception) -> HttpResponse:
    if isinstance(error, ExpiredToken):
        return _message(
            request,
            "Lien expiré",
            "Ce lien de confirmation a expiré. Inscrivez-vous à nouveau pour en recevoir un autre.",
            status=410,
            subscribe_link=True,
        )
    return _message(
        request,
        "Lien non valide",
        "Ce lien n'est pas valide ou n'est plus valable (l'adresse a peut-être déjà été "
        "désinscrite). Vérifiez que vous l'avez copié en entier.",
        status=400,
        subscribe_link=True,
    )


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(
            f"ip:{client_ip(request)}", settings.NEWSLETTER_SUBSCRIBE_RATE, HOUR
        ):
            form.add_error(
                None,
                "Trop de demandes d'inscription depuis votre connexion. Réessayez dans une heure.",
            )
            return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            if form.is_robot:
                return redirect("newsletter:subscribe_done")
            try:
                request_subscription(form.cleaned_data["email"], form.cleaned_data["themes"])
            except MessageNotSent:
                form.add_error(
                    None,
                    "Le message de confirmation n'a pas pu être envoyé. Réessayez dans quelques "
                    "minutes.",
                )
                return render(request, "newsletter/subscribe.html", {"form": form}, status=503)
            return redirect("newsletter:subscribe_done")
        status = 400
    return render(request, "newsletter/subscribe.html", {"form": form}, status=status)


def subscribe_done(request: HttpRequest) -> HttpResponse:
    hours = settings.NEWSLETTER_CONFIRM_MAX_AGE // HOUR
    return _message(
        request,
        "Vérifiez votre messagerie",
        "Un message vient d'être envoyé à l'adresse indiquée. Pour recevoir la lettre, ouvrez le "
        f"lien qu'il contient dans les {hours} heures. Sans nouvelles de notre part, vérifiez "
        "votre dossier d'indésirables.",
    )


@require_http_methods(["GET", "POST"])
@token_kept_out_of_statistics
def confirm_subscription(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.CONFIRM)
    except (ExpiredToken, InvalidToken) as error:
        return _token_error(request, error)
    if subscriber.status == SubscriberStatus.ACTIVE:
        return _message(request, "Inscription confirmée", "Votre inscription était déjà confirmée.")
    if request.method == "POST":
        confirm(subscriber)
        return _message(
            request,
            "Inscription confirmée",
            f"Merci : {subscriber.email} recevra la prochaine lettre d'information du réseau.",
        )
    return render(
        request,
        "newsletter/confirm.html",
        {"email": subscriber.email, "action": "confirm"},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@token_kept_out_of_statistics
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.UNSUBSCRIBE)
    except (ExpiredToken, InvalidToken) as error:
        return _token_error(request, error)
    if request.method == "POST":
        email = subscriber.email
        unsubscribe(subscriber)
        return _message(
            request,
            "Désinscription faite",
            f"{email} ne recevra plus la lettre d'information ; l'adresse a été effacée.",
            subscribe_link=True,
        )
    return render(
        request, "newsletter/confirm.html", {"email": subscriber.email, "action": "unsubscribe"}
    )


@require_http_methods(["GET", "POST"])
@token_kept_out_of_statistics
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.PREFERENCES)
    except (ExpiredToken, InvalidToken) as error:
        return _token_error(request, error)
    initial = {"themes": list(subscriber.themes.all())}
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            subscriber.themes.set(form.cleaned_data["themes"])
            return _message(request, "Thèmes enregistrés", "Vos choix sont enregistrés.")
        return render(
            request,
            "newsletter/preferences.html",
            {"form": form, "email": subscriber.email},
            status=400,
        )
    return render(request, "newsletter/preferences.html", {"form": form, "email": subscriber.email})
