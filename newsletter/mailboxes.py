"""The mailbox `manage.py process_bounces` reads the bounces from (`NEWSLETTER_BOUNCE_MAILBOX`).

- A Maildir folder (a path): what Postfix's local delivery (`home_mailbox = Maildir/`),
  Dovecot's LDA or procmail write for the bounce address, on this host or a shared volume. A
  message is a file in `new/` until a reader takes it; once processed, it moves to `cur/` with
  the « seen » flag (`<name>:2,S`, the Maildir convention), so that no run reads it twice and a
  person can still look at it. Nothing but this command should read the folder: a mail client
  opening it moves new messages to `cur/` itself, and those are not read.
- An IMAP folder, `imaps://user:password@host[:port]/folder` (TLS, port 993) or `imap://…`
  (no encryption, port 143: for a server on the loopback or a trusted network only); the
  folder is `INBOX` when not named, user and password percent-encoded when they hold `@`, `:`
  or `/`. The unseen messages are read (without marking them), and each, once processed, is
  flagged « seen » (`\\Seen`): the same guarantee, on a mail server the platform does not run.
"""

import contextlib
import imaplib
import logging
import os
import re
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)


class MailboxError(Exception):
    """The mailbox cannot be read (a French message for the command's error)."""


class Mailbox(Protocol):
    def unread(self) -> Iterator[tuple[str, bytes]]: ...

    def done(self, key: str) -> None: ...

    def close(self) -> None: ...


class MaildirBox:
    def __init__(self, path: Path) -> None:
        self.path = path
        if not ((path / "new").is_dir() and (path / "cur").is_dir()):
            raise MailboxError(
                f"{path} n'est pas un dossier Maildir (sous-dossiers new/ et cur/ attendus)."
            )

    def __str__(self) -> str:
        return str(self.path)

    def unread(self) -> Iterator[tuple[str, bytes]]:
        """(name, content) of each message in `new/`, oldest name first."""
        for name in sorted(os.listdir(self.path / "new")):
            if name.startswith("."):
                continue
            try:
                raw = (self.path / "new" / name).read_bytes()
            except (IsADirectoryError, FileNotFoundError):
                continue  # not a message, or taken by another reader meanwhile
            yield name, raw

    def done(self, name: str) -> None:
        """Move a processed message to `cur/`, flagged seen."""
        unique = name.split(":", 1)[0]
        os.rename(self.path / "new" / name, self.path / "cur" / f"{unique}:2,S")

    def close(self) -> None:
        pass


IMAP_TIMEOUT = 30
FETCHED = re.compile(rb"UID (\d+)")


class ImapBox:
    def __init__(self, location: str) -> None:
        url = urlsplit(location)
        self.secure = url.scheme == "imaps"
        self.host = url.hostname or ""
        self.port = url.port or (993 if self.secure else 143)
        self.folder = unquote(url.path.lstrip("/")) or "INBOX"
        self.user = unquote(url.username or "")
        password = unquote(url.password or "")
        if not (self.host and self.user):
            raise MailboxError(f"{self} : adresse IMAP incomplète (utilisateur et serveur).")
        try:
            if self.secure:
                context = ssl.create_default_context()
                self.imap = imaplib.IMAP4_SSL(
                    self.host, self.port, ssl_context=context, timeout=IMAP_TIMEOUT
                )
            else:
                self.imap = imaplib.IMAP4(self.host, self.port, timeout=IMAP_TIMEOUT)
            self.imap.login(self.user, password)
            status, detail = self.imap.select(self._quoted(self.folder))
        except (imaplib.IMAP4.error, OSError) as error:
            raise MailboxError(f"{self} : connexion impossible ({error}).") from error
        if status != "OK":
            self.close()
            raise MailboxError(f"{self} : dossier introuvable ({_text(detail)}).")

    def __str__(self) -> str:  # never the password
        scheme = "imaps" if self.secure else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"

    @staticmethod
    def _quoted(folder: str) -> str:
        return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def _command(self, *args) -> list:
        try:
            status, data = self.imap.uid(*args)
        except (imaplib.IMAP4.error, OSError) as error:
            raise MailboxError(f"{self} : {error}") from error
        if status != "OK":
            raise MailboxError(f"{self} : {args[0]} refusé ({_text(data)}).")
        return data

    def unread(self) -> Iterator[tuple[str, bytes]]:
        """(UID, content) of each unseen message, oldest first; reading does not mark them."""
        found = self._command("SEARCH", None, "UNSEEN")
        for uid in (found[0] or b"").split():
            data = self._command("FETCH", uid.decode(), "(UID BODY.PEEK[])")
            for item in data:
                if isinstance(item, tuple) and FETCHED.search(item[0]):
                    yield uid.decode(), item[1]
                    break

    def done(self, uid: str) -> None:
        self._command("STORE", uid, "+FLAGS.SILENT", "(\\Seen)")

    def close(self) -> None:
        imap = getattr(self, "imap", None)
        if imap is None:
            return
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


def _text(data) -> str:
    return " ".join(
        part.decode(errors="replace") if isinstance(part, bytes) else str(part)
        for part in data or []
    )


def open_mailbox(location: str) -> Mailbox:
    """The mailbox `location` names: an `imap://` or `imaps://` URL, else a Maildir's path."""
    if location.startswith(("imap://", "imaps://")):
        return ImapBox(location)
    return MaildirBox(Path(location).expanduser())
