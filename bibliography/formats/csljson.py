"""CSL-JSON, the common intermediate: Zotero's and citeproc's own format.

Files from other tools bend the schema (dates as flat lists or strings, numbers as text):
what can be read is read; a record that cannot be is rejected alone, with its reason.
"""

import json

from . import ParsedRecord, date_parts, parse_date, season_name

NAME_KEYS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix")
NAME_ROLES = ("author", "editor", "translator", "director")
DATE_KEYS = ("issued", "accessed")


class RecordError(ValueError):
    """A record that cannot be read; the message is in French, for the user."""


def _clean_names(value) -> list[dict]:
    names = []
    for name in value if isinstance(value, list) else []:
        if not isinstance(name, dict):
            continue
        clean = {k: str(name[k]).strip() for k in NAME_KEYS if name.get(k)}
        if "family" not in clean and "literal" not in clean and clean.get("given"):
            clean = {"literal": clean["given"]}
        if clean:
            names.append(clean)
    return names


def _integer(value) -> int:
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise RecordError(f"partie de date non numérique : {text!r}")
    return int(text)


def _clean_date(key: str, value) -> dict:
    """A CSL date (`{"date-parts": [[2019, 5]]}`), also from `[2019, 5]`, `"2019-05"`,
    `{"raw": …}` or `{"literal": …}`; a season (`season`, or a month of 21–24) is kept."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        return parse_date(str(value))
    if not isinstance(value, dict):
        raise RecordError(f"date « {key} » illisible")
    parts = value.get("date-parts")
    if parts in (None, []):
        return parse_date(str(value.get("raw") or value.get("literal") or ""))
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        parts = parts[0]  # the start of a range
    if not isinstance(parts, list) or any(isinstance(p, list | dict) for p in parts):
        raise RecordError(f"date « {key} » illisible : une liste [année, mois, jour] est attendue")
    ints, season = date_parts([_integer(p) for p in parts if str(p).strip()][:3])
    if not ints:
        return {}
    date: dict = {"date-parts": [ints]}
    season = season_name(value["season"]) if value.get("season") else season
    if season:
        date["season"] = season
    return date


def _clean_item(item: dict) -> dict:
    """Keep the keys we understand, with the types CSL says they have."""
    csl: dict = {}
    for key, value in item.items():
        if key in NAME_ROLES:
            names = _clean_names(value)
            if names:
                csl[key] = names
        elif key in DATE_KEYS:
            date = _clean_date(key, value)
            if date:
                csl[key] = date
        elif key in ("ISBN", "ISSN") and isinstance(value, list):
            text = ", ".join(str(v).strip() for v in value if isinstance(v, str | int))
            if text:
                csl[key] = text
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                csl[key] = text
    return csl


def parse(text: str):
    """Yield one `ParsedRecord` per item of a CSL-JSON array (or a single object)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ParsedRecord(
            1, error=f"JSON invalide (ligne {exc.lineno}, colonne {exc.colno}) : {exc.msg}"
        )
        return
    except RecursionError:
        yield ParsedRecord(1, error="JSON illisible : imbrication trop profonde.")
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield ParsedRecord(1, error="Le fichier CSL-JSON doit contenir une liste de notices.")
        return
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            yield ParsedRecord(position, error="Cet élément n'est pas une notice (objet JSON).")
            continue
        try:
            yield ParsedRecord(position, csl=_clean_item(item))
        except RecordError as exc:
            yield ParsedRecord(position, error=f"Notice CSL-JSON illisible : {exc}.")


def dumps(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)
