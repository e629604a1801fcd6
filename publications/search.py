"""Keeping the search index right for pages whose searchable text lives in child rows."""

from wagtail.search import index


def reindex_with_child_relations(page) -> None:
    """Index `page` again once its child rows (authors, tools) are written.

    The search update triggered by `post_save` reads the page back from the database before
    `ClusterableModel.save` writes the InlinePanel rows, so authors and tools would only be
    indexed one save late.
    """
    index.insert_or_update_object(page)
