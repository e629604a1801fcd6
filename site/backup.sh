#!/usr/bin/env bash
# Back up the PostgreSQL database and the media files into one timestamped folder.
#   site/backup.sh [DEST_DIR]          (default: ./backups)
# Needs DATABASE_URL (postgres://…) and MEDIA_ROOT (default: ./media). Writes db.dump
# (pg_dump custom format), media.tar.gz and SHA256SUMS (hashes of every media file and of the
# two archives), then prints the folder's path.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to back up}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *)
    echo "backup: DATABASE_URL is not a PostgreSQL URL" >&2; exit 2;; esac
media_root="${MEDIA_ROOT:-media}"
dest_root="${1:-backups}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dest="$dest_root/$stamp"
mkdir -p "$dest"
tmp="$dest.partial"
mkdir -p "$tmp"

pg_dump --format=custom --no-owner --no-privileges --file="$tmp/db.dump" "$DATABASE_URL"

if [ -d "$media_root" ]; then
    (cd "$media_root" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$tmp/MEDIA_SHA256SUMS"
    tar -C "$media_root" -czf "$tmp/media.tar.gz" .
else
    : > "$tmp/MEDIA_SHA256SUMS"
    tar -czf "$tmp/media.tar.gz" --files-from /dev/null
fi
(cd "$tmp" && sha256sum db.dump media.tar.gz MEDIA_SHA256SUMS > SHA256SUMS)

# Only a complete backup takes the final name.
rmdir "$dest"
mv "$tmp" "$dest"
echo "$dest"
