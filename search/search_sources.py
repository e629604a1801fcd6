"""Snippets of the shared vocabulary that the search covers (pages are found generically)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.models import Theme
from search.registry import Source, register


def theme_url(theme: Theme) -> str:
    """The site's listing of a theme: the search page filtered on it, newest first (the French
    page, as the themes are French, whatever language the indexing request runs in)."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{reverse('search')}?{urlencode({'theme': theme.slug})}"


# A theme is a result of its own (« laïcité » → the Laïcité theme) and its own theme facet,
# weighted as the network's productions: it leads to all of them.
register(
    Source(
        Theme,
        label=_("Thème"),
        themes=lambda theme: [theme],
        date=lambda theme: None,
        url=theme_url,
        boost=1.5,
    )
)
