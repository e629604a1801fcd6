from search.registry import Source, register

from .models import Notice

register(
    Source(
        Notice,
        label="Notice bibliographique",
        date=lambda notice: None,
        organisations=lambda notice: [notice.organisation] if notice.organisation else [],
        reference_type=lambda notice: notice.get_kind_display(),
    )
)
