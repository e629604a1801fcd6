"""Admin forms of the shared models: document uploads."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from wagtail.documents.forms import BaseDocumentForm

from .documents import DocumentContent, check_document_file, format_file_size, max_upload_size


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
            except ValidationError as error:
                raise ValidationError(error.messages, code=error.code) from error
        return file

    def save(self, commit=True):
        if self.document_content is not None:
            self.instance.extracted_text = self.document_content.text
            self.instance.page_count = self.document_content.page_count
        return super().save(commit=commit)
