"""Category forms as data, and the Qt-free engine that loads and validates them.

Form files live in ``definitions/`` (one per category of notice 三, plus the service guide of
附件3); :func:`load_forms` reads them and :func:`validate_item` checks an item against one.
"""

from typing import TYPE_CHECKING, Any

from hnclient.forms.loader import (
    DEFINITIONS_DIR,
    SCHEMA,
    FormDefinitionError,
    load_form,
    load_forms,
)
from hnclient.forms.model import COMMON_KEYS, Choice, FieldDef, FieldType, FormDef
from hnclient.forms.problems import Problem, Severity, has_errors
from hnclient.forms.timeliness import CHINA_TZ, STALE_AFTER_DAYS, china_today, is_stale

if TYPE_CHECKING:
    from hnclient.forms.engine import validate_item
    from hnclient.forms.markings import find_markings


def __getattr__(name: str) -> Any:
    """Load the validation engine on first use: showing the window needs only the loader."""
    if name == "validate_item":
        from hnclient.forms.engine import validate_item

        return validate_item
    if name == "find_markings":
        from hnclient.forms.markings import find_markings

        return find_markings
    raise AttributeError(f"module 'hnclient.forms' has no attribute {name!r}")


__all__ = [
    "CHINA_TZ",
    "COMMON_KEYS",
    "DEFINITIONS_DIR",
    "SCHEMA",
    "STALE_AFTER_DAYS",
    "Choice",
    "FieldDef",
    "FieldType",
    "FormDef",
    "FormDefinitionError",
    "Problem",
    "Severity",
    "china_today",
    "find_markings",
    "has_errors",
    "is_stale",
    "load_form",
    "load_forms",
    "validate_item",
]
