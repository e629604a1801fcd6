"""`make backup` / `make restore`: a backup restored into an empty database serves the same site."""

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from core.models import Organisation, SiteDocument, Theme

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    # Like every transactional test here, it restores the migrations' data afterwards (a
    # plain flush would recreate content types under new ids and break the next one).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="backup and restore are for PostgreSQL (run with DATABASE_URL)",
    ),
]


def database_url(name: str) -> str:
    params = connection.settings_dict
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    user = params.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{name}"


def count(url: str, table: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_backup_restores_into_an_empty_database(committed_demo_site, tmp_path, client):
    document = SiteDocument(title="Note de test")
    document.file.save("note-test.txt", ContentFile(b"Mixite sociale et logement"), save=True)
    expected_hash = hashlib.sha256(Path(document.file.path).read_bytes()).hexdigest()

    source_url = database_url(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source_url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    backup = (
        subprocess.run(
            ["site/backup.sh", str(tmp_path / "backups")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    target_name = f"reci_restore_{uuid.uuid4().hex[:8]}"
    admin_url = database_url("postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target_name}"')
    target_url = database_url(target_name)
    restored_media = tmp_path / "media"
    try:
        subprocess.run(
            ["site/restore.sh", backup],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": target_url, "MEDIA_ROOT": str(restored_media)},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert count(target_url, "core_theme") == Theme.objects.count()
        assert count(target_url, "core_organisation") == Organisation.objects.count()
        assert count(target_url, "wagtailcore_page") > 1
        restored_file = restored_media / document.file.name
        assert hashlib.sha256(restored_file.read_bytes()).hexdigest() == expected_hash

        smoke = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup();"
                "from django.test import Client;"
                "r = Client().get('/api/v2/pages/', HTTP_HOST='testserver');"
                "print(r.status_code, r.json()['meta']['total_count'])",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": target_url,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert smoke.returncode == 0, smoke.stderr
        status, total = smoke.stdout.split()
        assert status == "200"
        source = client.get("/api/v2/pages/").json()["meta"]["total_count"]
        assert source > 30
        assert int(total) == source
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')


def test_restore_refuses_a_damaged_backup(tmp_path, db):
    backup = tmp_path / "b"
    backup.mkdir()
    (backup / "db.dump").write_bytes(b"not a dump")
    (backup / "SHA256SUMS").write_text("0" * 64 + "  db.dump\n")
    result = subprocess.run(
        ["site/restore.sh", str(backup)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url("nowhere")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "damaged" in result.stderr
