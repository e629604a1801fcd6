"""Post an admin form back as a browser would: with the values the admin rendered.

`rendered_form(response)` reads the edit form of a Wagtail admin page (a page, a snippet…) and
returns what a browser would submit if the user clicked a button without typing anything:
text inputs with their rendered `value`, checked boxes only, selected options, textareas, and
the fields Wagtail teleports into the form from `<template>`s (the scheduled publishing dialog).
A test then changes only what the user would type.

StreamFields are drawn by JavaScript from a JSON state; an empty one is posted as the browser
would post it (`<name>-count=0`). A non-empty one is refused: build it with
`wagtail.test.utils.form_data` instead.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, Tag

NOT_POSTED = {"submit", "button", "image", "reset", "file"}


class RenderedForm(dict):
    """The form's fields, name → list of values (as `QueryDict.lists()`), postable as is."""

    def value(self, name: str) -> str:
        values = self[name]
        assert len(values) == 1, (name, values)
        return values[0]

    def set(self, name: str, value) -> RenderedForm:
        assert name in self, f"{name!r} is not in the rendered form: {sorted(self)}"
        self[name] = value if isinstance(value, list) else [value]
        return self


def _fields(container: Tag):
    """The fields a browser sees: not those of inert `<template>`s (empty inline forms)."""
    for field in container.find_all(["input", "select", "textarea"]):
        if field.find_parent("template") is None:
            yield field


def _teleported(soup: BeautifulSoup, form: Tag):
    """Fields of `<template data-controller="w-teleport">` whose target is this form."""
    for template in soup.find_all("template"):
        if "w-teleport" not in (template.get("data-controller") or ""):
            continue
        target = template.get("data-w-teleport-target-value") or "body"
        if form in soup.select(target):
            yield from _fields(BeautifulSoup(template.decode_contents(), "html.parser"))


def _streamfields(form: Tag):
    for block in form.select("[data-controller~='w-block'][data-w-block-arguments-value]"):
        state, _errors = json.loads(block["data-w-block-arguments-value"])
        if state:
            raise NotImplementedError(
                f"StreamField {block['id']!r} is not empty: build its data with form_data."
            )
        yield f"{block['id']}-count", "0"


def rendered_form(response, selector: str = "form[data-edit-form]") -> RenderedForm:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one(selector)
    assert form is not None, f"no {selector} in the response"
    elements = list(_fields(form)) + list(_teleported(soup, form))
    if form.get("id"):
        elements += soup.select(f"[form='{form['id']}']")
    data = RenderedForm()
    for element in elements:
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not element.has_attr("multiple"):
                chosen = options[:1]
            data.setdefault(name, []).extend(o.get("value", o.text) for o in chosen)
        elif element.name == "textarea":
            text = element.text
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        else:
            kind = (element.get("type") or "text").lower()
            if kind in NOT_POSTED:
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data.setdefault(name, []).append(element.get("value", "on"))
                continue
            data.setdefault(name, []).append(element.get("value", ""))
    for name, value in _streamfields(form):
        data[name] = [value]
    return data
