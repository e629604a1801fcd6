"""StreamField blocks of the practice sheets: the description and the attached resources."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from core.rich_text import RichTextBlock


class LinkBlock(blocks.StructBlock):
    """An external page about the practice (the project's site, a press article…)."""

    title = blocks.CharBlock(label=_("intitulé"), max_length=255)
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "link"
        label = _("Lien")


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (evaluation report, leaflet…)."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("intitulé"),
        required=False,
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "title": value["title"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


class PracticeDescriptionBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("intertitre"), form_classname="title", icon="title")
    paragraph = RichTextBlock(
        label=_("paragraphe"), features=["bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("image"))
    quote = blocks.BlockQuoteBlock(label=_("citation"))


class PracticeResourcesBlock(blocks.StreamBlock):
    link = LinkBlock()
    document = DocumentBlock()
