"""Per-language format overrides (`FORMAT_MODULE_PATH`), over Django's own locale formats."""
