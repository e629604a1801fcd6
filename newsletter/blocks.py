"""What an issue holds: groups of items, each group of one kind, each item removable and
reorderable in the admin (a `ListBlock`), the groups themselves reorderable (a StreamField).

The groups are pre-filled from what was published in the issue's period
(`newsletter/selection.py`); an editor removes, reorders or adds items afterwards. Resolving
the items (live pages only, absolute links, the line of detail under each title) is done in
`newsletter/items.py`, shared by the e-mail, the public page and the API.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import ItemKind

PAGE_KINDS = [(kind.value, kind.label) for kind in ItemKind if kind != ItemKind.PRESS]


class PagesGroupBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("type de contenu"), choices=PAGE_KINDS)
    title = blocks.CharBlock(label=_("intitulé"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("contenu")), label=_("contenus"))

    class Meta:
        icon = "doc-full"
        label = _("groupe de contenus du site")


class PressGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("intitulé"), max_length=120)
    items = blocks.ListBlock(
        SnippetChooserBlock("publications.PressItem", label=_("article")),
        label=_("articles de veille"),
    )

    class Meta:
        icon = "link"
        label = _("sélection de la veille")


class IssueContentBlock(blocks.StreamBlock):
    pages = PagesGroupBlock()
    press = PressGroupBlock()
