"""django-modelcluster's child-relation lookups, kept per model instead of rebuilt per instance.

`ClusterableModel.__init__` (every page is one) asks `get_all_child_relations` and
`get_all_child_m2m_relations` for the model's relations each time an instance is built, and
each walks every field of the model: a page has a hundred, most of them reverse relations from
other apps. Loading the 20 pages of a typed API listing spent a third of its time there.

`install()` replaces both functions in `modelcluster.models` (where `ClusterableModel` looks
them up) with versions that keep each model's answer for as long as Django keeps the model's
field list: Django builds a new list when the model's relations change (while the app registry
loads), and a new list means a new answer. Callers get a fresh copy, as before.
"""

import functools
from collections.abc import Callable

import modelcluster.models

_ORIGINALS = {
    "get_all_child_relations": modelcluster.models.get_all_child_relations,
    "get_all_child_m2m_relations": modelcluster.models.get_all_child_m2m_relations,
}


def kept_per_model(compute: Callable) -> Callable:
    """`compute(model)`, remembered per model options and field list."""
    answers: dict = {}

    @functools.wraps(compute)
    def lookup(model) -> list:
        opts = model._meta
        fields = opts.get_fields()
        kept = answers.get(opts)
        if kept is None or kept[0] is not fields:
            kept = (fields, compute(model))
            answers[opts] = kept
        return list(kept[1])

    return lookup


def install() -> None:
    for name, original in _ORIGINALS.items():
        setattr(modelcluster.models, name, kept_per_model(original))
