"""The PySide6 desktop program. The only package that imports Qt."""
