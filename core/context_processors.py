from wagtail.models import Site


def site_sections(request) -> dict:
    """The sections under the current site's home page, for the main navigation."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"site_sections": []}
    return {"site_sections": site.root_page.get_children().live().in_menu()}
