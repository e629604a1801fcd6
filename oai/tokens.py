"""Resumption tokens: signed, self-contained, valid for `TOKEN_LIFETIME`.

A token carries the whole harvest: verb, format, set, `from`, the frozen end of the window,
the key of the last record sent, how many were sent and the list's size. Nothing is kept on
the server; a token altered by hand fails its signature and an old one its age: both are
`badResumptionToken`.
"""

import datetime
from dataclasses import dataclass

from django.core import signing

from .listing import Key

TOKEN_LIFETIME = datetime.timedelta(hours=24)
_SALT = "oai.resumption-token"


class BadToken(Exception):
    pass


@dataclass(frozen=True)
class Resumption:
    verb: str
    prefix: str
    set_spec: str | None
    start: datetime.datetime | None
    before: datetime.datetime
    after: Key | None
    cursor: int
    size: int


def _stamp(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value is not None else None


def issue(resumption: Resumption) -> str:
    key = resumption.after
    data = [
        resumption.verb,
        resumption.prefix,
        resumption.set_spec,
        _stamp(resumption.start),
        _stamp(resumption.before),
        [_stamp(key.datestamp), key.rank, key.pk],
        resumption.cursor,
        resumption.size,
    ]
    return signing.dumps(data, salt=_SALT, compress=True)


def read(token: str, verb: str) -> Resumption:
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_LIFETIME)
        verb_in, prefix, set_spec, start, before, (stamp, rank, pk), cursor, size = data
        resumption = Resumption(
            verb_in,
            prefix,
            set_spec,
            _parse(start),
            _parse(before),
            Key(_parse(stamp), int(rank), int(pk)),
            int(cursor),
            int(size),
        )
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken from exc
    if resumption.verb != verb:
        raise BadToken
    return resumption
