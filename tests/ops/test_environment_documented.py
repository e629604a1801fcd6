"""Every environment variable the settings or gunicorn read is documented for operators."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"""(?:env_\w+|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
NOT_FOR_PRODUCTION = {"BENCH_TRIVIAL_VIEW"}  # the benchmark's reference view


def variables_read() -> set[str]:
    sources = [*(ROOT / "config" / "settings").glob("*.py"), ROOT / "site" / "gunicorn.conf.py"]
    return {name for source in sources for name in READ.findall(source.read_text())}


def test_each_variable_is_in_the_readme_and_the_example_file():
    names = variables_read()
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKER_CONNECTIONS"} <= names
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    assert sorted(name for name in names if f"`{name}`" not in readme) == []
    undocumented = [
        name
        for name in sorted(names - NOT_FOR_PRODUCTION)
        if not re.search(rf"^#? ?{name}=", example, re.MULTILINE)
    ]
    assert undocumented == []
