"""Admin forms of the content pages."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import is_delegate, user_organisation_ids


class ContentPageForm(WagtailAdminPageForm):
    """Content pages are signed by the editor's own structure.

    An editor who leaves « structures du réseau » empty signs with their structure; an editor
    cannot sign only for other structures (they would lock themselves out of their own work).
    A reviewer of another structure (« Validation réseau ») edits a page their structure does
    not sign: they may correct it and approve it from the edit view, but not change who signs.
    """

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "for_user", None)
        if user is None or is_delegate(user) or "organisations" not in self.fields:
            return cleaned_data
        mine = user_organisation_ids(user)
        if not mine:
            return cleaned_data
        chosen = cleaned_data.get("organisations")
        if self.instance.pk:
            signing = {organisation.pk for organisation in self.instance.organisations.all()}
            if signing and not signing & mine:
                chosen_ids = (
                    set(chosen.values_list("pk", flat=True)) if chosen is not None else set()
                )
                if chosen_ids != signing:
                    self.add_error(
                        "organisations",
                        _(
                            "Seules les structures qui signent ce contenu peuvent changer "
                            "les structures signataires."
                        ),
                    )
                return cleaned_data
        if chosen is None or not chosen.exists():
            cleaned_data["organisations"] = self.fields["organisations"].queryset.filter(
                pk__in=mine
            )
        elif not set(chosen.values_list("pk", flat=True)) & mine:
            self.add_error(
                "organisations",
                _("Votre structure doit figurer parmi les structures qui signent ce contenu."),
            )
        return cleaned_data
