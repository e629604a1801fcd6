#!/usr/bin/env bash
# Restore a backup made by site/backup.sh into DATABASE_URL and MEDIA_ROOT.
#   site/restore.sh BACKUP_DIR
# The archives' hashes are checked first; nothing is touched if one does not match. The
# database is restored with --clean (its previous content is replaced), then every media file's
# hash is checked against the backup's list.
set -euo pipefail

backup="${1:?usage: site/restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to restore into}"
media_root="${MEDIA_ROOT:-media}"

(cd "$backup" && sha256sum --quiet --check SHA256SUMS) || {
    echo "restore: the backup in $backup is damaged (hash mismatch); nothing was restored" >&2
    exit 1
}

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --dbname="$DATABASE_URL" "$backup/db.dump"

mkdir -p "$media_root"
tar -C "$media_root" -xzf "$backup/media.tar.gz"
sums="$(realpath "$backup/MEDIA_SHA256SUMS")"
if [ -s "$sums" ]; then
    (cd "$media_root" && sha256sum --quiet --check "$sums")
fi
echo "restored $backup"
