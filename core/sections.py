"""Named sections of the site (the documents, the schedule, the contact page...) by a plain key.

Each app registers its own public sections in its ``apps.py``: ``register_section("documents",
_("Văn bản"), "documents:list")``. Code that links to a section (the main menu, the site map)
names it by its key alone and never imports the app's URLs: a key whose app is not installed
is simply unknown here, and whoever asks skips it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch

from .links import cached_reverse


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str

    def url(self):
        """The section's address, or None when its URL is not routed (a partial URLconf)."""
        try:
            return cached_reverse(self.url_name)
        except NoReverseMatch:
            return None


# key -> Section, in the order the apps registered them (INSTALLED_APPS order).
_sections = {}


def register_section(key, label, url_name):
    """Name a public page of an app ``key`` (a plain string), shown as ``label``."""
    _sections[key] = Section(key, label, url_name)


def section(key):
    """The section registered as ``key``, or None when no installed app offers it."""
    return _sections.get(key)


def sections():
    """Every registered section whose address resolves, in registration order."""
    return [found for found in _sections.values() if found.url()]


def section_choices():
    """(key, label) pairs for a form's choices: every section registered now."""
    return [(found.key, found.label) for found in _sections.values()]
