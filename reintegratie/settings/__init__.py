"""Settings package: base.py holds everything shared; local, test and production adjust it."""
