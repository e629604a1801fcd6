"""Acting in the Wagtail admin as the network's users do (demo users, `load_demo_data`)."""

from pathlib import Path

DEMO_PASSWORD = "reci-demo-2026"


def log_in(page, username: str) -> None:
    """A fresh session for `username` (the previous one's cookies dropped)."""
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")


def make_pdf(path: Path, title: str, pages: int = 2) -> Path:
    """A real PDF of `pages` pages (fpdf2), as an editor would upload."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=14)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(text=f"{title} - page {number + 1}")
    pdf.output(str(path))
    return path


def footer_action(page, name: str) -> None:
    """Click one of the edit view's footer actions, opening « Plus d'actions » if needed."""
    footer = page.get_by_role("navigation", name="Actions (pied de page)")
    button = footer.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        footer.get_by_role("button", name="Plus d'actions").click()
    button.click()


def approve_from_dashboard(page, title: str) -> None:
    """« Approuver » in the dashboard's « En attente de votre vérification » list: the way a
    reviewer approves without editing (the edit view's button saves the reviewer's form)."""
    page.goto("/admin/")
    awaiting = page.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).or_(
        row.get_by_role("link", name="Approuver", exact=True)
    ).click()
