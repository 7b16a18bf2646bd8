"""PDF (reportlab) and Excel (openpyxl) renderers fed with plain data. No Qt."""
