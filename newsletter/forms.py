"""Forms of the newsletter: the issue's admin form, and the public subscription forms."""

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from core.models import Theme
from core.page_forms import ContentPageForm


class IssuePageForm(ContentPageForm):
    """The issue's form; « pré-remplir » replaces the selection with the period's content.

    A new issue with an empty selection is pre-filled on its first save too, so that picking
    a period is enough to get a first draft.
    """

    prefill = forms.BooleanField(
        label=_("Pré-remplir la sélection"),
        required=False,
        help_text=_(
            "Remplace la sélection par les contenus publiés pendant la période, les événements "
            "à venir à la date de la lettre et la veille de la période. Enregistrez pour voir "
            "le résultat, puis retirez ou réordonnez les éléments."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("number") and "number" in self.fields:
            latest = type(self.instance).objects.aggregate(Max("number"))["number__max"]
            self.initial["number"] = (latest or 0) + 1

    def clean(self):
        from .selection import select

        cleaned_data = super().clean()
        start, end = cleaned_data.get("period_start"), cleaned_data.get("period_end")
        if not (start and end) or end < start or "content" not in self.fields:
            return cleaned_data
        content = cleaned_data.get("content")
        if cleaned_data.get("prefill") or not content:
            upcoming_from = cleaned_data.get("date") or end
            locale = getattr(self.instance, "locale", None) if self.instance.locale_id else None
            cleaned_data["content"] = self.fields["content"].block.normalize(
                select(start, end, upcoming_from=upcoming_from, locale=locale)
            )
        return cleaned_data


def theme_choices_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Thèmes qui vous intéressent"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun thème coché : vous recevez toute la lettre."),
        error_messages={"invalid_choice": _("Ce thème n'existe pas (ou plus).")},
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        error_messages={
            "required": _("Indiquez votre adresse électronique."),
            "invalid": _("Cette adresse électronique n'est pas valide (exemple : nom@exemple.fr)."),
            "max_length": _("Cette adresse est trop longue (254 caractères au plus)."),
        },
    )
    themes = theme_choices_field()
    # Left empty by people; robots that fill every field are thanked and ignored.
    website = forms.CharField(label=_("Ne pas remplir"), required=False)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.Form):
    themes = theme_choices_field()
