from django.db import migrations, models

# The sources weighted 1.5 when this migration was written (their page models' `search_boost`,
# the themes' source),
# so that existing records rank as new ones will without a reindex of the database's records.
BOOSTED = [
    "core.theme",
    "publications.notepage",
    "publications.pointdevuepage",
    "publications.toolkitpage",
]


def boost_existing(apps, schema_editor):
    SearchRecord = apps.get_model("sitesearch", "SearchRecord")
    SearchRecord.objects.filter(source__in=BOOSTED).update(boost=1.5)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0003_record_facet_ids"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchrecord",
            name="boost",
            field=models.FloatField(default=1.0, verbose_name="pondération"),
        ),
        migrations.RunPython(boost_existing, migrations.RunPython.noop),
    ]
