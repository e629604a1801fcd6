"""Filter forms of the public pages, shared with the API so both accept the same values."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ToolAudience, ToolKind


class ToolFilterForm(forms.Form):
    """`?kind=jeu&audience=adolescents` on a toolkit's page and in `/api/v2/toolkit-tools/`."""

    kind = forms.ChoiceField(
        label=_("Type d'outil"),
        required=False,
        choices=[("", _("Tous les types")), *ToolKind.choices],
    )
    audience = forms.ChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics")), *ToolAudience.choices],
    )

    def filter(self, tools: QuerySet) -> QuerySet:
        """`tools` narrowed by the valid filters; an invalid value filters nothing."""
        if not self.is_bound:
            return tools
        self.is_valid()
        for name in ("kind", "audience"):
            value = self.cleaned_data.get(name)
            if value:
                tools = tools.filter(**{name: value})
        return tools
