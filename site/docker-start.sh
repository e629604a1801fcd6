#!/bin/sh
# Container start of the app service: migrations, static files, then gunicorn.
set -e
python manage.py migrate --no-input
python manage.py collectstatic --no-input -v0
exec gunicorn -c site/gunicorn.conf.py
