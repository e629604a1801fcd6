from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..citations import DEFAULT_STYLE, format_citation
from ..metadata import coins, highwire_tags

register = template.Library()


@register.simple_tag
def citation_meta_tags(csl: dict, pdf_url: str = ""):
    """Highwire `<meta name="citation_…">` tags for a CSL-JSON dict (and its PDF's URL)."""
    tags = highwire_tags(csl or {})
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return format_html_join("\n", '<meta name="{}" content="{}">', tags)


@register.simple_tag
def coins_title(csl: dict) -> str:
    return coins(csl or {})


@register.simple_tag
def citation(csl: dict, style: str = DEFAULT_STYLE, html: bool = False):
    text = format_citation(csl, style, html=html)
    return mark_safe(text) if html else format_html("{}", text)
