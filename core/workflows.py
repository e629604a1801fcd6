"""The network's extra moderation step: review by another member structure.

Notes are read by a structure other than the ones that sign them before the delegation
validates. The task skips itself for content types it is not meant for, so one workflow
(« Validation réseau ») can serve every section.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import Task, TaskState

from .permissions import user_organisation_ids


def signing_organisation_ids(obj) -> set[int]:
    """The member structures behind `obj`: its `organisations`, or what the model says.

    Models without an `organisations` relation define `signing_organisation_ids()`. Admin
    views hand over a plain `Page`: the structures are read from its specific instance, or a
    plain page would look unsigned and any editor could review it.
    """
    obj = getattr(obj, "specific_deferred", obj)
    if hasattr(obj, "signing_organisation_ids"):
        return set(obj.signing_organisation_ids())
    organisations = getattr(obj, "organisations", None)
    return {o.pk for o in organisations.all()} if organisations is not None else set()


class CrossStructureReviewTask(Task):
    """Approval by an editor of a member structure that does not sign the content."""

    content_types = models.ManyToManyField(
        ContentType,
        verbose_name=_("types de contenu concernés"),
        blank=True,
        help_text=_("Laisser vide pour tous les types ; sinon l'étape est passée pour les autres."),
    )

    admin_form_fields = [*Task.admin_form_fields, "content_types"]

    class Meta:
        verbose_name = _("relecture par une autre structure")
        verbose_name_plural = _("relectures par une autre structure")

    def applies_to(self, obj) -> bool:
        if not self.content_types.exists():
            return True
        specific_class = getattr(obj, "specific_class", None) or type(obj)
        return self.content_types.filter(
            pk=ContentType.objects.get_for_model(specific_class).pk
        ).exists()

    def start(self, workflow_state, user=None):
        if self.applies_to(workflow_state.content_object):
            return super().start(workflow_state, user=user)
        # Not for this content type: record the step as skipped so the workflow moves on.
        return TaskState.objects.create(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
        )

    def is_reviewer(self, obj, user) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        mine = user_organisation_ids(user)
        return bool(mine) and not (mine & signing_organisation_ids(obj))

    def reviewers(self, obj):
        """Editors of the structures that do not sign `obj`."""
        signed = signing_organisation_ids(obj)
        return (
            get_user_model()
            .objects.filter(is_active=True, groups__organisation__isnull=False)
            .exclude(groups__organisation__in=signed)
            .distinct()
        )

    def user_can_access_editor(self, obj, user) -> bool:
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not self.is_reviewer(obj, user)

    def get_actions(self, obj, user):
        if self.is_reviewer(obj, user):
            return [
                ("reject", _("Demander des modifications"), True),
                ("approve", _("Approuver"), False),
                ("approve", _("Approuver avec un commentaire"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        reviewable = [
            state.pk
            for state in states.select_related("workflow_state")
            if self.is_reviewer(state.workflow_state.content_object, user)
        ]
        return states.filter(pk__in=reviewable)

    @classmethod
    def get_description(cls):
        return _("Un éditeur d'une autre structure membre relit et approuve.")


class CrossStructureReviewSubmissionNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """E-mails the possible reviewers when a content reaches the cross-structure review."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs) -> bool:
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, CrossStructureReviewTask
        )

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        task = task_state.task.specific
        recipients = task.reviewers(task_state.workflow_state.content_object)
        if user := kwargs.get("user"):
            recipients = recipients.exclude(pk=user.pk)
        return recipients


cross_structure_review_submission_notifier = CrossStructureReviewSubmissionNotifier()
