from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Réseau"

    def ready(self) -> None:
        from wagtail.signals import task_submitted

        from . import change_signals, child_relations, signals  # noqa: F401
        from .workflows import cross_structure_review_submission_notifier

        child_relations.install()
        change_signals.connect()

        task_submitted.connect(
            cross_structure_review_submission_notifier,
            dispatch_uid="reci_cross_structure_review_submitted",
        )
