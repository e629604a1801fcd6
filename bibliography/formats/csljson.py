"""CSL-JSON, the common intermediate: Zotero's and citeproc's own format."""

import json

from . import ParsedRecord

NAME_KEYS = ("family", "given", "literal")


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


def _clean_item(item: dict) -> dict:
    """Keep the keys we understand, with the types CSL says they have."""
    csl: dict = {}
    for key, value in item.items():
        if key in ("author", "editor"):
            names = _clean_names(value)
            if names:
                csl[key] = names
        elif key in ("issued", "accessed"):
            if isinstance(value, dict) and isinstance(value.get("date-parts"), list):
                parts = value["date-parts"][0] if value["date-parts"] else []
                ints = [int(p) for p in parts if str(p).lstrip("-").isdigit()][:3]
                if ints:
                    csl[key] = {"date-parts": [ints]}
            elif isinstance(value, dict) and value.get("raw"):
                from . import parse_date_parts

                ints = parse_date_parts(str(value["raw"]))
                if ints:
                    csl[key] = {"date-parts": [ints]}
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
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield ParsedRecord(1, error="Le fichier CSL-JSON doit contenir une liste de notices.")
        return
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            yield ParsedRecord(position, error="Cet élément n'est pas une notice (objet JSON).")
            continue
        yield ParsedRecord(position, csl=_clean_item(item))


def dumps(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)
