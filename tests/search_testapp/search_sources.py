import datetime as dt

from search.registry import Source, register

from .models import Notice

register(
    Source(
        Notice,
        label="Notice bibliographique",
        date=lambda notice: dt.date(notice.year, 1, 1) if notice.year else None,
        organisations=lambda notice: [notice.organisation] if notice.organisation else [],
        reference_type=lambda notice: notice.get_kind_display(),
    )
)
