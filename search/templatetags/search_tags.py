"""The search boxes' title suggestions in the page's language."""

import json

from django import template
from django.conf import settings
from django.utils import translation

from search.registry import type_labels, type_name

register = template.Library()


@register.simple_tag
def suggest_type_labels() -> str:
    """The content types' labels in the active language, as JSON by the API's type name, for
    `search_suggest.js` to show beside each suggested title: the suggestions API labels them
    in French (the site's language), so only a page in another language needs them. Read from
    `type_labels()`, the per-language memo the search answers label their results with."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    labels = {type_name(key): label for key, label in type_labels().items()}
    return json.dumps(labels, ensure_ascii=False, sort_keys=True)
