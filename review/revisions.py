"""An item's revisions as staff read them: who saved, when, and what changed in its text."""

import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.html import strip_tags
from reversion.models import Version

from .workflow import workflow_for

# The body is HTML: a line per block element reads like the article does.
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|ul|ol|blockquote|figure|table|tr|div)>|<br\s*/?>)")


@dataclass
class FieldDiff:
    """One field's change: lines removed ("-") and added ("+"), with a few unchanged ones."""

    label: str
    lines: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class RevisionEntry:
    version: Version
    changes: list[FieldDiff]

    @property
    def revision(self):
        return self.version.revision


def _lines(value) -> list[str]:
    text = "" if value is None else str(value)
    text = _BLOCK_END.sub(lambda match: match.group(0) + "\n", text)
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_diff(label: str, before, after) -> FieldDiff | None:
    """The changed lines of one field, or None when it did not change."""
    if before == after:
        return None
    diff = FieldDiff(label=label)
    for line in difflib.unified_diff(_lines(before), _lines(after), n=1, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            continue
        diff.lines.append((line[:1], line[1:]))
    if not diff.lines:
        # Only spacing changed: still say so.
        diff.lines.append(("~", strip_tags(str(after))[:200]))
    return diff


def history(item: Model) -> list[RevisionEntry]:
    """Every revision of ``item``, newest first, each with what it changed from the one before."""
    workflow = workflow_for(item)
    model = workflow.model
    versions = list(
        Version.objects.get_for_object(item).select_related("revision", "revision__user")
    )
    entries = []
    for index, version in enumerate(versions):
        older = versions[index + 1].field_dict if index + 1 < len(versions) else {}
        newer = version.field_dict
        changes = []
        for name in workflow.text_fields:
            label = str(model._meta.get_field(name).verbose_name).capitalize()
            diff = field_diff(label, older.get(name, ""), newer.get(name, ""))
            if diff:
                changes.append(diff)
        entries.append(RevisionEntry(version=version, changes=changes))
    return entries
