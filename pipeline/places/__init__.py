"""Place resolution: official units (gazetteer), the area a document speaks for (scope), printed
names matched within it (matching), records filled with codes (records), and the 2025 crosswalk."""

from pipeline.places.gazetteer import Gazetteer, Unit, admin_unit_rows, communes_in, load_gazetteer, package_data
from pipeline.places.matching import Resolution, resolve_name, strip_unit_prefix
from pipeline.places.scope import Scope, detect_scope

__all__ = [
    "Gazetteer",
    "Resolution",
    "Scope",
    "Unit",
    "admin_unit_rows",
    "communes_in",
    "detect_scope",
    "load_gazetteer",
    "package_data",
    "resolve_name",
    "strip_unit_prefix",
]
