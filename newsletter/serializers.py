"""API representation of an issue's groups (`/api/v2/pages/<id>/`)."""

from rest_framework import serializers


class IssueGroupsSerializer(serializers.Field):
    """Each group with its items: title, absolute URL, date, summary, line of detail."""

    def to_representation(self, groups):
        return [
            {
                "kind": group.kind,
                "title": group.title,
                "items": [
                    {
                        "title": item.title,
                        "url": item.url,
                        "date": item.date.isoformat() if item.date else None,
                        "summary": item.summary,
                        "detail": item.detail,
                    }
                    for item in group.items
                ],
            }
            for group in groups
        ]
