"""The scripts that install Debian packages when missing (`make browser`, `make mail-server`,
`make services`) share one helper, site/lib/apt.sh: apt-get runs as root only, its index is
updated once per run, and a missing program is named in the message when it cannot be
installed. apt-get, id and systemctl are stand-ins here: nothing is installed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "site"
SCRIPTS = ["browser/browser.sh", "mail/dovecot.sh", "services/services.sh"]


def stand_ins(folder: Path, uid: int, creates: str = "") -> Path:
    """`id -u` printing `uid`, an apt-get writing its arguments to apt.log (and, on install,
    creating the executable `creates`), a systemctl knowing no running service."""
    folder.mkdir()
    log = folder / "apt.log"
    commands = {
        "id": f'echo {uid}\n',
        "apt-get": f'echo "$*" >> {log}\n'
        + (f'[ "$1" != install ] || {{ printf "#!/bin/sh\\n" > {creates}; chmod +x {creates}; }}\n'
           if creates else ""),
        "systemctl": "exit 3\n",
    }  # fmt: skip
    for name, body in commands.items():
        path = folder / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    return log


def run_bash(script: str, path: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{path}:{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=30
    )


def test_helper_updates_the_index_once_then_installs(tmp_path):
    log = stand_ins(tmp_path / "bin", uid=0)
    result = run_bash(
        "set -euo pipefail\n"
        "say() { printf 'test: %s\\n' \"$*\"; }\n"
        "fail() { printf 'test: %s\\n' \"$*\" >&2; exit 1; }\n"
        f". {SITE}/lib/apt.sh\n"
        "apt_install PostgreSQL postgresql postgresql-contrib\n"
        "apt_install Redis redis-server\n"
        'echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND"\n',
        tmp_path / "bin",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "test: apt-get update",
        "test: apt-get install postgresql postgresql-contrib",
        "test: apt-get install redis-server",
        "DEBIAN_FRONTEND=noninteractive",
    ]
    assert log.read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends postgresql postgresql-contrib",
        "install -y -qq --no-install-recommends redis-server",
    ]


def test_helper_refuses_without_root_and_names_what_is_missing(tmp_path):
    log = stand_ins(tmp_path / "bin", uid=1000)
    result = run_bash(
        "set -euo pipefail\n"
        "say() { printf 'test: %s\\n' \"$*\"; }\n"
        "fail() { printf 'test: %s\\n' \"$*\" >&2; exit 1; }\n"
        f". {SITE}/lib/apt.sh\n"
        "apt_install Chromium chromium fonts-dejavu-core\n"
        "echo unreachable\n",
        tmp_path / "bin",
        tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "test: Chromium missing, and installing it needs root "
        "(apt-get install chromium fonts-dejavu-core)\n"
    )
    assert not log.exists()


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_install_through_the_helper_only(script):
    text = (SITE / script).read_text()
    commands = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in commands if "apt-get " in line and "fail " not in line]
    assert "DEBIAN_FRONTEND" not in text
    assert "lib/apt.sh" in text


@pytest.mark.parametrize(
    ("script", "program", "package", "say"),
    [
        ("browser/browser.sh", "/usr/bin/chromium", "chromium fonts-dejavu-core", "browser"),
        ("mail/dovecot.sh", "/usr/sbin/dovecot", "dovecot-imapd", "dovecot"),
    ],
)
def test_install_of_a_missing_program(tmp_path, script, program, package, say):
    """A copy of the script whose program is missing installs it, and prints its path next."""
    copy = tmp_path / "site"
    shutil.copytree(SITE / "lib", copy / "lib")
    (copy / script).parent.mkdir()
    missing = tmp_path / "program"
    text = (SITE / script).read_text()
    assert program in text
    text = text.replace(program, str(missing)).replace("/usr/bin/chromium-browser", "")
    (copy / script).write_text(text)
    (copy / script).chmod(0o755)
    log = stand_ins(tmp_path / "bin", uid=0, creates=str(missing))
    env = {
        **os.environ,
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "CHROMIUM_PATH": "",
        "DOVECOT_PATH": "",
    }

    installed = subprocess.run(
        [copy / script, "install"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.startswith(f"{say}: apt-get update\n{say}: apt-get install {package}\n")
    assert log.read_text().splitlines() == [
        "update -qq",
        f"install -y -qq --no-install-recommends {package}",
    ]
    path = subprocess.run(
        [copy / script, "path"], cwd="/", env=env, capture_output=True, text=True, check=True
    )
    assert path.stdout == f"{missing}\n"
