"""A throwaway Dovecot IMAP server for the bounce tests: Debian's `dovecot` binary
(`site/mail/dovecot.sh install`) with a configuration of its own in a temporary folder, on a
free port of 127.0.0.1, plain-text logins, any user with the password `secret`, each user's
mail in a Maildir. Run as the test's user, or as `nobody` when the tests run as root (Dovecot
gives no mailbox to root)."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .conftest import _free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "secret"

CONFIG = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mail_location = maildir:{folder}/mail/%u
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={folder}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def dovecot_path() -> str | None:
    result = subprocess.run(
        [ROOT / "site/mail/dovecot.sh", "path"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None


class ThrowawayDovecot:
    def __init__(self, binary: str) -> None:
        self.binary = binary
        # Not under pytest's tmp_path, whose folders only their owner may enter: the mail
        # processes run as `nobody` when the tests run as root.
        self.folder = Path(tempfile.mkdtemp(prefix="reci-dovecot-"))
        self.port = _free_port()
        self.config = self.folder / "dovecot.conf"

    def start(self) -> None:
        for name in ("run", "state", "mail"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        me = pwd.getpwuid(os.getuid())
        if os.getuid() == 0:
            mail_user, login_user, internal_user = "nobody", "dovenull", "dovecot"
            nobody = pwd.getpwnam("nobody")
            self.folder.chmod(0o755)
            shutil.chown(self.folder / "mail", nobody.pw_uid, nobody.pw_gid)
            mail_group = nobody.pw_gid
        else:
            mail_user = login_user = internal_user = me.pw_name
            mail_group = me.pw_gid
        self.config.write_text(
            CONFIG.format(
                folder=self.folder,
                port=self.port,
                password=PASSWORD,
                mail_user=mail_user,
                mail_group=mail_group,
                login_user=login_user,
                internal_user=internal_user,
            )
        )
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = self.folder / "dovecot.log"
                    raise RuntimeError(
                        "Dovecot did not start: " + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, user: str, password: str = PASSWORD, folder: str = "INBOX") -> str:
        return f"imap://{user}:{password}@127.0.0.1:{self.port}/{folder}"
