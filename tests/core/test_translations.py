"""The English of the public pages: every word the templates translate has its English in
locale/en, and the committed `.mo` files say what their `.po` sources say (the site reads only
the `.mo`: a `.po` edited without compiling it changes nothing for readers)."""

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import loader
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

LOCALE = Path(settings.LOCALE_PATHS[0])
TEMPLATES = Path(settings.TEMPLATES[0]["DIRS"][0])
# Not in the page's language: the admin's templates and the newsletter's e-mails (French).
FRENCH_ONLY = {"admin", "email"}


def catalogue(mo_file: Path) -> dict:
    """The messages of a compiled catalogue, its header reduced to the plural rule (the only
    field gettext reads; compilers write the others differently)."""
    with mo_file.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    messages = {key: text for key, text in translations._catalog.items() if key != ""}
    messages["Plural-Forms"] = translations.info().get("plural-forms")
    return messages


@pytest.mark.parametrize(
    "po_file", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=lambda path: path.parts[-3]
)
def test_compiled_catalogue_matches_its_source(po_file, tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(po_file)).save_as_mofile(str(compiled))
    committed, expected = catalogue(po_file.with_suffix(".mo")), catalogue(compiled)
    stale = sorted(
        str(key)
        for key in committed.keys() | expected.keys()
        if committed.get(key) != expected.get(key)
    )
    assert stale == [], f"compile it: manage.py compilemessages (or msgfmt) for {po_file}"


@pytest.mark.parametrize(
    "po_file", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=lambda path: path.parts[-3]
)
def test_gettext_finds_nothing_to_say_about_the_catalogue(po_file):
    """`msgfmt --check` (Debian's gettext, which compiles the catalogues) is silent: a complete
    header, and format strings that agree with their ids. One file at a time: given several,
    msgfmt merges them into one catalogue."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt is not installed (Debian: apt-get install gettext)")
    checked = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")


def template_messages(name: str) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural msgid) of each `{% translate %}` and `{% blocktranslate %}` of
    a template, as Django looks them up when rendering."""
    nodelist = loader.get_template(name).template.nodelist
    messages = []
    for node in nodelist.get_nodes_by_type(TranslateNode):
        literal = node.filter_expression.var.literal
        assert literal is not None, f"{name}: translate a string, not a variable"
        context = node.message_context.var if node.message_context else None
        messages.append((context, literal.replace("%", "%%"), None))
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        context = node.message_context.var if node.message_context else None
        singular = node.render_token_list(node.singular)[0]
        plural = node.render_token_list(node.plural)[0] if node.plural else None
        messages.append((context, singular, plural))
    return messages


def public_templates() -> list[str]:
    names = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES)
        if not FRENCH_ONLY & set(relative.parts[:-1]):
            names.append(relative.as_posix())
    return names


def test_every_translated_word_of_the_public_templates_has_its_english():
    english = catalogue(LOCALE / "en" / "LC_MESSAGES" / "django.mo")
    found, missing = {}, []
    for name in public_templates():
        messages = template_messages(name)
        found[name] = len(messages)
        for context, msgid, plural in messages:
            key = f"{context}\x04{msgid}" if context else msgid
            entries = (
                [english.get((key, 0)), english.get((key, 1))] if plural else [english.get(key)]
            )
            if not all(entries):
                missing.append((name, msgid))
    assert missing == []
    # The pages' frame, the 404, the home page, the practices and the search page are all read.
    translated = {name for name, count in found.items() if count}
    assert translated >= {
        "base.html",
        "404.html",
        "home/home_page.html",
        "experiences/practice_index_page.html",
        "experiences/practice_sheet_page.html",
        "search/search.html",
    }
    assert found["base.html"] >= 12
