"""Rich text as visitors and API clients get it: the stored HTML cleaned, then expanded.

Wagtail's editor cleans rich text when an editor saves it, but imports, the shell and data
migrations write the database directly, and whatever they stored (`javascript:` links, `on*`
handlers, `<script>`, `<iframe>`, `style`…) would otherwise reach visitors through the
templates and the front end through the API. Every output path goes through `clean_db_html`:

- templates: the `rich_text` filter (`{% load rich_text %}`) for RichTextFields, and the
  `RichText` value of `RichTextBlock` (`{{ block }}`, `{% include_block %}`);
- the API: `RichTextAPIField` for RichTextFields (the pages serialiser maps every one to it)
  and `RichTextBlock.get_api_representation` for StreamFields, in each `?rich_text_format=`.

The cleaning keeps what the editor produces in Wagtail's *database* format (plain markup,
`<a linktype="page" id="…">`, `<embed embedtype="image" …/>`), and runs before the link and
embed handlers expand it: their output (page URLs, image renditions, the oEmbed player of a
media embed, an iframe from an allowed provider) is Wagtail's own, so an embed survives while
an `<iframe>` written in the stored HTML does not.
"""

import re

import nh3
from django.template.loader import render_to_string
from django.utils.encoding import force_str
from django.utils.safestring import SafeString
from rest_framework import serializers
from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.rich_text import RichText, expand_db_html

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote"}
INLINE_TAGS = {"b", "strong", "i", "em", "u", "s", "sup", "sub", "code", "br", "hr"}
ENTITY_TAGS = {"a", "embed"}
ATTRIBUTES = {
    **{tag: {"data-block-key"} for tag in BLOCK_TAGS},
    # `linktype`/`id`: internal links (page, document); `href`: external ones.
    "a": {"href", "linktype", "id"},
    # Images (`embedtype="image" id format alt`) and media (`embedtype="media" url`).
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not only their tags.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "noscript",
    "template",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
}
# nh3 writes `<embed …>` the HTML5 way; Wagtail's rewriter only finds `<embed …/>`.
_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>")


def clean_db_html(source: str) -> str:
    """Stored rich text (database HTML) reduced to what Wagtail's editor can produce."""
    if not source:
        return ""
    cleaned = nh3.clean(
        force_str(source),
        tags=BLOCK_TAGS | INLINE_TAGS | ENTITY_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _EMBED.sub(r"<embed\1/>", cleaned)


def expand(source: str) -> str:
    """Public HTML: the cleaned source with internal links and embeds expanded."""
    return expand_db_html(clean_db_html(source))


def render(source: str) -> SafeString:
    """What Wagtail's `|richtext` renders (same wrapper template), from the cleaned source."""
    return render_to_string("wagtailcore/shared/richtext.html", {"html": expand(source)})


def api_format(context: dict | None) -> str:
    """The `?rich_text_format=` of the request, as the API view validated it."""
    context = context if context is not None else {}
    rich_text_format = context.get("_wagtail_rich_text_format")
    if rich_text_format is None:
        request = context.get("request")
        raw = request.GET.get("rich_text_format") if request is not None else None
        rich_text_format = APIRichText.resolve_format(raw)
        context["_wagtail_rich_text_format"] = rich_text_format
    return rich_text_format


def serialise(source: str | None, rich_text_format: str, features: list[str] | None = None):
    """Stored rich text in an API output format (`html`, `db_html`, `markdown`,
    `db_markdown`), always cleaned first."""
    if source is None:
        return None
    return APIRichText.serialize(clean_db_html(source), format=rich_text_format, features=features)


class CleanRichText(RichText):
    """A `RichText` that renders its cleaned source (`{{ value }}` in templates)."""

    def __html__(self) -> str:
        return render(self.source)


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, cleaned on every output (templates and API)."""

    def to_python(self, value):
        return CleanRichText(value)

    def normalize(self, value):
        if isinstance(value, CleanRichText):
            return value
        if isinstance(value, RichText):
            return CleanRichText(value.source)
        return CleanRichText(value and force_str(value))

    def value_from_form(self, value):
        return CleanRichText(value)

    def get_api_representation(self, value, context=None):
        if not value:
            return ""
        return serialise(value.source, api_format(context), self.features)


class RichTextAPIField(serializers.CharField):
    """A RichTextField in the API, cleaned, in the request's `?rich_text_format=` (what
    Wagtail's `RichTextFieldSerializer` does, without the cleaning)."""

    def to_representation(self, value):
        return serialise(force_str(value), api_format(self.context))
