"""French analysis, without a database."""

import pytest

from search import french


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("laïcité", "laicite"),
        ("Laïcité", "LAICITE"),
        ("discrimination", "discriminations"),
        ("l'école", "école"),
        ("jusqu'aux écoles", "aux ecole"),
        ("intégrations", "integration"),
    ],
)
def test_variants_meet_on_the_same_terms(a, b):
    assert french.analyze(a) == french.analyze(b)


def test_stopwords_and_punctuation_give_no_term():
    assert french.analyze("le la les de des et ou") == []
    assert french.analyze("?! … ; -- ’") == []


def test_elided_words_lose_their_article():
    assert french.analyze("qu'il l'intégration d'origine") == french.analyze("intégration origine")


def test_fold_words_keeps_whole_words_for_prefixes():
    assert french.fold_words("L'Égalité des chances") == ["egalite", "des", "chances"]


def test_highlight_marks_inflected_and_accented_forms():
    terms = set(french.analyze("discrimination laicite"))
    html = french.highlight("Les discriminations et la laïcité.", terms)
    assert html == "Les <mark>discriminations</mark> et la <mark>laïcité</mark>."


def test_highlight_escapes_html():
    assert french.highlight("<b>école</b>", {"ecol"}) == "&lt;b&gt;<mark>école</mark>&lt;/b&gt;"


def test_highlight_centres_a_long_text_on_the_first_match():
    text = "introduction " * 50 + "les discriminations au travail " + "conclusion " * 50
    html = french.highlight(text, set(french.analyze("discrimination")), max_length=120)
    assert html.startswith("…")
    assert html.endswith("…")
    assert "<mark>discriminations</mark>" in html
    assert len(html) < 160
