"""Tell an editor when their save landed on top of someone else's newer version.

Wagtail's edit form carries the revision it was loaded from (`loaded_revision_id`). Its
autosave refuses a stale save, but a full form submission is saved as a new revision without a
word. Both versions are kept (the other one stays in the history), so nothing is lost; the
editor must still learn that the page now holds their version, not their colleague's, and
where to compare the two. Wired through the `after_edit_page` hook in `core/wagtail_hooks.py`.
"""

from django.contrib.admin.utils import quote
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, Revision


def _posted_int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def intervening_revisions(request: HttpRequest, page: Page, saved: Revision) -> list[Revision]:
    """Revisions saved by others between the one the form was loaded from and `saved`.

    The editor's own revisions never count: Wagtail's autosave writes them while the form is
    open (a new one after each save, overwritten by the next autosave), and a warning naming
    the editor as the « other » author is false."""
    loaded_id = _posted_int(request, "loaded_revision_id")
    if loaded_id is None:
        return []
    own_autosave = _posted_int(request, "overwrite_revision_id")
    revisions = (
        page.revisions.filter(pk__gt=loaded_id)
        .exclude(pk=saved.pk)
        .exclude(user_id=request.user.pk)
    )
    if own_autosave is not None:
        revisions = revisions.exclude(pk=own_autosave)
    return list(revisions.select_related("user").order_by("created_at"))


def _author(revision: Revision) -> str:
    user = revision.user
    if user is None:
        return _("un autre utilisateur")
    return user.get_full_name() or user.get_username()


def warn_of_concurrent_edit(request: HttpRequest, page: Page) -> None:
    """After a full save, warn if another version was saved while this form was open."""
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return
    saved = page.get_latest_revision()
    if saved is None:
        return
    others = intervening_revisions(request, page, saved)
    if not others:
        return
    other = others[-1]
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare", args=(quote(page.pk), other.pk, saved.pk)
    )
    messages.warning(
        request,
        _(
            "Attention : %(author)s a enregistré une autre version de cette page pendant que "
            "vous la modifiiez. Votre version a été enregistrée par-dessus ; la sienne reste "
            "dans l'historique des versions."
        )
        % {"author": _author(other)},
        buttons=[messages.button(compare_url, _("Comparer les deux versions"))],
    )
