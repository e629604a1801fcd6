from wagtail.snippets.models import register_snippet

from .viewsets import PressItemViewSet

register_snippet(PressItemViewSet)
