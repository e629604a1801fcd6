"""Small PDFs built with fpdf2, for the demo content: real text, real page count."""

from fpdf import FPDF

# fpdf2's core fonts speak Latin-1: typographic characters outside it are simplified.
LATIN1_REPLACEMENTS = {"’": "'", "œ": "oe", "Œ": "OE", "–": "-", "—": "-", "…": "...", "➔": "-"}


def _latin1(text: str) -> str:
    for character, replacement in LATIN1_REPLACEMENTS.items():
        text = text.replace(character, replacement)
    return text.encode("latin-1", "replace").decode("latin-1")


def build_pdf(title: str, paragraphs: list[str], pages: int = 1) -> bytes:
    """A PDF with `title` and `paragraphs` on its first page, and at least `pages` pages.

    Further pages repeat the title as a running head and number the page, like the
    network's printed notes.
    """
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_author("Réseau RECI")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.multi_cell(0, 8, _latin1(title))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _latin1(paragraph))
        pdf.ln(3)
    while pdf.page_no() < pages:
        pdf.add_page()
        pdf.set_font("Helvetica", style="I", size=9)
        pdf.multi_cell(0, 5, _latin1(f"Réseau RECI - {title} - page {pdf.page_no()}"))
    return bytes(pdf.output())
