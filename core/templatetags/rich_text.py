"""`{{ page.introduction|rich_text }}`: Wagtail's `|richtext`, with the stored HTML cleaned
first (see core/rich_text.py). Templates use this one, never Wagtail's."""

from django import template
from django.utils.safestring import SafeString
from wagtail.rich_text import RichText

from core import rich_text as cleaning

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value) -> SafeString:
    if value is None:
        return cleaning.render("")
    if isinstance(value, RichText):
        return cleaning.render(value.source)
    return cleaning.render(str(value))
