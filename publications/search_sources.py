"""The press watch in the unified search: each item links to the article it points at."""

from search.registry import Source, register

from .models import PressItem


def _body(item: PressItem) -> str:
    return "\n".join(text for text in [item.summary, item.source] if text)


register(
    Source(
        PressItem,
        queryset=lambda: PressItem.objects.prefetch_related("themes", "organisations"),
        body=_body,
        url=lambda item: item.url,
    )
)
