"""Admin forms of the shared models: document uploads; the admin's login form."""

import shutil

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm

from .documents import DocumentContent, check_document_file, format_file_size, max_upload_size

# Room left on the media disk after an upload (the database and logs may share the disk).
DISK_RESERVE = 1024 * 1024


def check_disk_space(size: int) -> None:
    """Refuse a file the local media disk has no room for, before writing any of it.

    Only a check ahead: the storage still removes a half-written file if the disk fills up
    meanwhile (`core.storage`), and the request then ends with a 507 (`core.resilience`).
    """
    location = getattr(default_storage, "location", None)
    if not location:
        return
    try:
        free = shutil.disk_usage(location).free
    except FileNotFoundError:
        return
    if size + DISK_RESERVE > free:
        raise ValidationError(
            gettext_lazy(
                "Espace disque insuffisant sur le serveur : le fichier n'a pas été enregistré. "
                "Prévenez l'administrateur du site."
            ),
            code="disk_full",
        )


class SiteDocumentForm(BaseDocumentForm):
    """Document upload and edit form (single and multiple upload views).

    Refuses empty files, files over `WAGTAILDOCS_MAX_UPLOAD_SIZE` and files whose content
    does not match their extension, with a French message; reads the text and page count of
    PDFs into the non-editable `extracted_text` and `page_count`. Set as
    `WAGTAILDOCS_DOCUMENT_FORM_BASE`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_content: DocumentContent | None = None
        if "file" in self.fields:
            limit = max_upload_size()
            if limit is not None:
                limit_text = format_file_size(limit)
                self.fields["file"].help_text = gettext_lazy("Taille maximale : %(limit)s.") % {
                    "limit": limit_text
                }
                self.fields["file"].error_messages["file_too_large"] = gettext_lazy(
                    "Le fichier est trop volumineux (%(file_size)s) : "
                    "la taille maximale est de %(max_filesize)s."
                )
                self.fields["file"].max_upload_size_text = limit_text

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            try:
                self.document_content = check_document_file(file, file.name)
                check_disk_space(file.size)
            except ValidationError as error:
                raise ValidationError(error.messages, code=error.code) from error
        return file

    def save(self, commit=True):
        if self.document_content is not None:
            self.instance.extracted_text = self.document_content.text
            self.instance.page_count = self.document_content.page_count
        return super().save(commit=commit)


class AdminLoginForm(LoginForm):
    """Wagtail's login form, its password field labelled in the admin's language: Wagtail
    gives it no label, so Django showed the field's English name, « Password »."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
