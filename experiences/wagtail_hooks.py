from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import PracticeSheetListingViewSet, TargetGroupViewSet

register_snippet(TargetGroupViewSet)


@hooks.register("register_admin_viewset")
def register_practice_sheet_listing():
    return PracticeSheetListingViewSet("practice_sheets")
