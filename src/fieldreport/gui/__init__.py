"""The PySide6 desktop program. The only package that imports Qt.

Importing it installs a guard against a PySide reference-counting bug (qtfix.py).
"""

from fieldreport.gui import qtfix as _qtfix  # noqa: F401
