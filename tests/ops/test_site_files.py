"""The deployment samples in site/ are sound: nginx really serves them as documented, the
compose file references what exists, the systemd timers run real management commands."""

import http.client
import shutil
import ssl
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from tests.ops.postgres import free_port

SITE = Path(__file__).resolve().parents[2] / "site"


def nginx_config(tmp_path: Path, port: int, tls_port: int) -> Path:
    """site/nginx/reci.conf with this machine's paths, ports and a self-signed certificate."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=reseau-reci.org", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    sample = (SITE / "nginx" / "reci.conf").read_text()
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{tls_port} ssl http2;",
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/reseau-reci.org/fullchain.pem": str(tmp_path / "cert.pem"),
        "/etc/letsencrypt/live/reseau-reci.org/privkey.pem": str(tmp_path / "key.pem"),
        "/srv/reci/app/static_collected/": f"{tmp_path}/static/",
        "/var/lib/reci/media/": f"{tmp_path}/media/",
    }
    for old, new in replacements.items():
        assert old in sample, old
        sample = sample.replace(old, new)
    (tmp_path / "reci.conf").write_text(sample)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"user root;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {tmp_path}/reci.conf; }}\n"
    )
    return main


def fetch(url: str, host: str = "reseau-reci.org") -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects, with the site's Host header."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port)
    try:
        connection.request("GET", parts.path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def nginx(tmp_path):
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not binary or not shutil.which("openssl"):
        pytest.skip("nginx and openssl are needed (apt-get install nginx-light openssl)")
    for folder in ("static/css", "media/documents", "media/original_images"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "static/css/site.0123abcd.css").write_text("body{}")
    (tmp_path / "media/documents/prive.pdf").write_bytes(b"%PDF-1.4 private")
    (tmp_path / "media/original_images/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "media/original_images/dessin.svg").write_text("<svg onload='alert(1)'/>")
    port, tls_port = free_port(), free_port()
    config = nginx_config(tmp_path, port, tls_port)
    checked = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    subprocess.run([binary, "-p", str(tmp_path), "-c", str(config)], check=True)
    try:
        for _ in range(50):
            if (tmp_path / "nginx.pid").exists():
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", f"https://127.0.0.1:{tls_port}"
    finally:
        subprocess.run([binary, "-p", str(tmp_path), "-c", str(config), "-s", "stop"], check=False)


def test_nginx_sample_serves_static_and_media_safely(nginx):
    http, https = nginx
    status, headers, _ = fetch(f"{http}/api/v2/pages/")
    assert status == 301 and headers["Location"] == "https://reseau-reci.org/api/v2/pages/"

    status, headers, body = fetch(f"{https}/static/css/site.0123abcd.css")
    assert status == 200 and body == b"body{}"
    assert "immutable" in headers["Cache-Control"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, headers, _ = fetch(f"{https}/media/original_images/photo.png")
    assert status == 200
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "max-age=2592000" in headers["Cache-Control"]

    # Private documents are never reachable by their media URL; SVG never served.
    assert fetch(f"{https}/media/documents/prive.pdf")[0] == 404
    assert fetch(f"{https}/media/original_images/dessin.svg")[0] == 404


def test_compose_file_references_what_exists():
    compose = yaml.safe_load((SITE / "compose.yaml").read_text())
    assert set(compose["services"]) >= {"app", "postgres", "elasticsearch", "redis", "scheduler"}
    app = compose["services"]["app"]
    assert SITE.parent / app["build"]["context"].replace("..", ".") / app["build"]["dockerfile"]
    assert (SITE / "Dockerfile").exists()
    for name in ("app", "scheduler"):
        assert (SITE.parent / compose["services"][name]["command"][1]).exists()
    for service in compose["services"].values():
        for env_file in [service.get("env_file")] if service.get("env_file") else []:
            assert (SITE / f"{env_file}.example").exists(), env_file
    app_env = (SITE / "env" / "app.env.example").read_text()
    for required in ("SECRET_KEY=", "ALLOWED_HOSTS=", "DATABASE_URL=", "ELASTICSEARCH_URL="):
        assert required in app_env


@pytest.mark.parametrize(
    "unit, command",
    [
        ("reci-publish-scheduled", "publish_scheduled"),
        ("reci-update-index", "update_index"),
        ("reci-update-index", "refresh_db_statistics"),
        ("reci-send-newsletters", "send_newsletters"),
        ("reci-process-bounces", "process_bounces"),
    ],
)
def test_systemd_timers_run_real_management_commands(unit, command):
    service = (SITE / "systemd" / f"{unit}.service").read_text()
    timer = (SITE / "systemd" / f"{unit}.timer").read_text()
    assert f"manage.py {command}" in service
    assert command in get_commands()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    assert "EnvironmentFile=/etc/reci/reci.env" in service
