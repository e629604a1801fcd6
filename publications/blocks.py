"""The body of the network's productions: what an editor can put in a note or a news item.

Each block shapes its own API output (`get_api_representation`), so the headless front end
gets the same content as the templates: rich text cleaned (core/rich_text.py), as HTML with
internal links resolved unless `?rich_text_format=` asks otherwise, images as renditions with
width, height and alt text.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.blocks import ImageChooserBlock

from bibliography.blocks import ReferencesBlock
from core.rich_text import RichTextBlock

from .choices import HeadingLevel

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]
FIGURE_RENDITION = "max-1200x1200"


class APIRichTextBlock(RichTextBlock):
    """The shared rich text block (cleaned, in the request's `?rich_text_format=`), under the
    name this app's StreamFields and migrations have always given it."""


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titre"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=HeadingLevel.choices, default=HeadingLevel.H2
    )

    class Meta:
        icon = "title"
        label = _("intertitre")
        template = "publications/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    source = blocks.CharBlock(label=_("source"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("citation")
        template = "publications/blocks/quote.html"


class FigureStructValue(blocks.StructValue):
    @property
    def alt(self) -> str:
        """The image's own description (its alt text), or its title."""
        image = self.get("image")
        return image.default_alt_text if image else ""


class FigureBlock(blocks.StructBlock):
    """An image with its caption; the alt text is the image's description in the library."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("figure")
        template = "publications/blocks/figure.html"
        value_class = FigureStructValue

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        return {
            "image": ImageRenditionField(FIGURE_RENDITION).to_representation(image)
            if image
            else None,
            "alt": value.alt,
            "caption": value.get("caption", ""),
        }


class CalloutBlock(blocks.StructBlock):
    """« Encadré »: a boxed aside (a definition, a key figure, a legal reminder)."""

    title = blocks.CharBlock(label=_("titre"), required=False, max_length=255)
    text = APIRichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("encadré")
        template = "publications/blocks/callout.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = APIRichTextBlock(
        label=_("paragraphe"),
        features=RICH_TEXT_FEATURES,
        template="publications/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    figure = FigureBlock()
    table = TableBlock(label=_("tableau"))
    callout = CalloutBlock()
    references = ReferencesBlock()
