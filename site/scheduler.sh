#!/bin/sh
# Container counterpart of the systemd timers: scheduled publishing and the newsletter's
# sending (at most 50 s of it) every minute, the newsletter's bounces read every 5 minutes
# (NEWSLETTER_BOUNCE_MAILBOX: bind the Maildir into this container), and the
# search index rebuilt, the database's planner statistics refreshed and the audience rolled up
# once a night (first run
# after 03:30, once per day).
set -u
last_index=""
last_statistics=""
last_bounces=0
while true; do
    python manage.py publish_scheduled || echo "publish_scheduled failed" >&2
    python manage.py send_newsletters --max-seconds 50 || echo "send_newsletters failed" >&2
    now="$(date +%s)"
    if [ $((now - last_bounces)) -ge 300 ]; then
        python manage.py process_bounces || echo "process_bounces failed" >&2
        last_bounces="$now"
    fi
    today="$(date +%F)"
    if [ "$(date +%H%M)" -ge 0330 ] && [ "$last_index" != "$today" ]; then
        python manage.py update_index && last_index="$today"
    fi
    if [ "$(date +%H%M)" -ge 0330 ] && [ "$last_statistics" != "$today" ]; then
        python manage.py refresh_db_statistics || echo "refresh_db_statistics failed" >&2
        python manage.py rollup_statistics || echo "rollup_statistics failed" >&2
        last_statistics="$today"  # once a day, even if it failed: it is retried tomorrow
    fi
    sleep 60
done
