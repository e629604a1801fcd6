from wagtail.snippets.models import register_snippet

from .viewsets import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)
