"""Admin forms of the bibliography: file import and export format choice."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from core.models import Organisation
from core.permissions import is_delegate, user_organisation_ids

from .formats import FORMATS
from .importer import SKIP, UPDATE, ImportFileError, decode, detect_format
from .models import Reference

FORMAT_CHOICES = [(key, label) for key, (label, _type, _ext) in FORMATS.items()]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier"), help_text=_("RIS (.ris), BibTeX (.bib) ou CSL-JSON (.json).")
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Détecter automatiquement")), *FORMAT_CHOICES],
        required=False,
    )
    on_duplicate = forms.ChoiceField(
        label=_("Doublons"),
        choices=[
            (SKIP, _("Ignorer les notices déjà présentes")),
            (UPDATE, _("Mettre à jour les notices déjà présentes")),
        ],
        initial=SKIP,
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Structure détentrice"), queryset=Organisation.objects.all(), required=False
    )
    publish = forms.BooleanField(
        label=_("Publier les notices importées"), required=False, initial=True
    )

    can_publish = True

    def __init__(self, *args, user=None, **kwargs):
        """As the notice's own form (`OwnStructureChoiceMixin`): an editor files notices under
        their own structure only, and « Publier » is offered only to those who may publish
        (the importer would make drafts anyway)."""
        super().__init__(*args, **kwargs)
        if user is None:
            return
        mine = user_organisation_ids(user)
        if mine and not is_delegate(user):
            field = self.fields["organisation"]
            field.queryset = field.queryset.filter(pk__in=mine)
            field.required = True
            field.empty_label = None
            field.initial = min(mine)
        self.can_publish = policy_registry.get_by_type(Reference).user_has_permission(
            user, "publish"
        )
        if not self.can_publish:
            del self.fields["publish"]

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("publish", False)
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        limit = settings.BIBLIOGRAPHY_IMPORT_MAX_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("Le fichier dépasse la taille maximale (%(size)s Mo).")
                % {"size": limit // (1024 * 1024)}
            )
        try:
            cleaned["text"] = decode(upload.read())
            cleaned["format"] = cleaned.get("format") or detect_format(
                upload.name, cleaned["text"][:4096]
            )
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return cleaned


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="ris")
