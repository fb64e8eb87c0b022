"""Validating an item against its category form: the one entry point the UI and sender use.

Errors block submission; warnings (staleness, classification markings) are for the officer
and the leader to weigh. ``today`` is a parameter so that results are reproducible and the
caller decides the clock (see :func:`hnclient.forms.timeliness.china_today`).
"""

from __future__ import annotations

from datetime import date

from hnclient.forms.common import check_common
from hnclient.forms.fields import check_fields
from hnclient.forms.markings import check_markings
from hnclient.forms.model import FormDef
from hnclient.forms.problems import Problem
from hnclient.items import Item


def validate_item(form: FormDef, item: Item, today: date) -> list[Problem]:
    """All problems of ``item``: common parts first, then the form's fields in form order,
    then classification warnings.

    Raises ValueError if the item belongs to another category: that is a programming error,
    not something the officer can fix.
    """
    if item.category != form.key:
        raise ValueError(f"item of category {item.category!r} checked against form {form.key!r}")
    return [
        *check_common(form, item, today),
        *check_fields(form, item.values),
        *check_markings(form, item.title, item.summary, item.values),
    ]
