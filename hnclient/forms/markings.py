"""Warning about classification markings (notice 四(二); domain.md rule 2).

A marking is a strong hint, not proof, that content is classified: "秘密" also occurs in
ordinary prose. So a hit is a warning the officer must consider, never an error; the
separate "可公开" confirmation is what the officer actually vouches for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hnclient.forms.fields import PERSON_COLUMNS, Place, place_of
from hnclient.forms.model import FieldType, FormDef
from hnclient.forms.problems import Problem, Severity
from hnclient.screening.marks import iter_markings


def find_markings(text: str) -> list[str]:
    """Distinct markings in order of first appearance, as written (without their period).

    The rule itself — levels, stars, internal-use phrases, also with spaces or invisible
    characters between the characters — lives in :mod:`hnclient.screening.marks`, which the
    guard before review uses too.
    """
    return list(dict.fromkeys(m.core for m in iter_markings(text)))


def check_markings(
    form: FormDef, title: str, summary: str, values: dict[str, Any]
) -> list[Problem]:
    problems: list[Problem] = []
    for where, text in item_places(form, title, summary, values):
        found = find_markings(text)
        if found:
            problems.append(_warning(where, found))
    return problems


def item_places(
    form: FormDef, title: str, summary: str, values: dict[str, Any]
) -> Iterator[tuple[Place, str]]:
    """Every text of an item with the place the form names it by (title, summary, each
    field, each table cell), in form order — what the warnings and the screening read."""
    yield Place("title", f"“{form.title_label}”", f"“{form.title_label_en}”"), title
    yield Place("summary", "“摘要”", "“Summary”"), summary
    for definition in form.fields:
        value = values.get(definition.key)
        where = place_of(definition)
        if isinstance(value, list) and definition.type in (FieldType.PEOPLE, FieldType.TABLE):
            labels = (
                {c.key: (c.label, c.label_en) for c in definition.columns}
                if definition.type is FieldType.TABLE
                else PERSON_COLUMNS
            )
            for row, cells in enumerate(value):
                if not isinstance(cells, dict):
                    continue
                for key in [*(k for k in labels if k in cells), *sorted(set(cells) - set(labels))]:
                    label, label_en = labels.get(key, (key, key))
                    yield from _strings(where.cell(row, key, label, label_en), cells[key])
        else:
            yield from _strings(where, value)
    # Values of fields a newer form version dropped are still part of what is sent.
    for key in sorted(set(values) - {d.key for d in form.fields}):
        yield from _strings(Place(key, f"“{key}”", f"“{key}”"), values[key])


def _strings(where: Place, value: Any) -> Iterator[tuple[Place, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key in sorted(value):
            yield from _strings(where, value[key])
    elif isinstance(value, list):
        for element in value:
            yield from _strings(where, element)


def _warning(where: Place, found: list[str]) -> Problem:
    zh_marks = "、".join(f"“{m}”" for m in found)
    en_marks = ", ".join(f"“{m}”" for m in found)
    return where.problem(
        "classified_marking",
        f"{where.zh}中有密级或内部标记{zh_marks}。涉密文件、信息和内部资料不得报送，"
        "请确认这些内容可以公开；如不能公开，请删除后再报送。",
        f"{where.en} contains the classification marking {en_marks}. Classified or internal "
        "material must not be submitted: make sure the content may be made public, "
        "or remove it.",
        Severity.WARNING,
    )
