"""modelcluster's child relations, kept per model, give the answers modelcluster computes."""

import modelcluster.models as modelcluster_models
from django.apps import apps
from modelcluster.models import ClusterableModel

from core.child_relations import _ORIGINALS, kept_per_model
from publications.models import NoteAuthor, NotePage


def test_every_clusterable_model_gets_modelcluster_s_own_answer():
    clusterable = [m for m in apps.get_models() if issubclass(m, ClusterableModel)]
    assert NotePage in clusterable
    for name, original in _ORIGINALS.items():
        installed = getattr(modelcluster_models, name)
        assert installed.__wrapped__ is original  # installed when the app registry was ready
        for model in clusterable:
            assert installed(model) == original(model)
    names = {
        rel.get_accessor_name() for rel in modelcluster_models.get_all_child_relations(NotePage)
    }
    assert {"authors", "related_pages"} <= names


def test_a_new_field_list_is_a_new_answer():
    calls = []

    def compute(model):
        calls.append(model)
        return [field.name for field in model._meta.get_fields()]

    lookup = kept_per_model(compute)
    first = lookup(NotePage)
    first.append("changed by the caller")
    assert lookup(NotePage) == first[:-1]
    assert len(calls) == 1
    NotePage._meta._expire_cache()  # what Django does when a model's relations change
    assert lookup(NotePage) == first[:-1]
    assert len(calls) == 2


def test_pages_built_with_their_children_keep_them(db):
    page = NotePage(title="Note", authors=[NoteAuthor(sort_order=0), NoteAuthor(sort_order=1)])
    assert [author.sort_order for author in page.authors.all()] == [0, 1]
