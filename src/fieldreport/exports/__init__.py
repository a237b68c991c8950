"""CSV, HXL, XLSX, GeoJSON, KML and PDF exports (issue 6)."""
