"""Links that reach someone: ``tel:`` links for phone numbers, and e-mail links that address
harvesters do not read but every browser and screen reader does.

An address written as it is (``an@ubnd.gov.vn``) is picked up by any program that scans pages
for text around an ``@``. Here every character of the address, in the link's text and in its
``mailto:``, is a numeric character reference, and the visible text is broken into several text
nodes by empty comments. The HTML parser turns it all back into the plain address before
anything is shown or read out: the link's accessible name is the address itself, read in one
piece (no element splits it, which would make some screen readers read its parts separately),
and it works without JavaScript. A scanner that matches the raw HTML finds neither the address
nor ``mailto:`` followed by one.
"""

import re

from markupsafe import Markup, escape

# Whatever a phone number is written with that a tel: URI does not need.
_NOT_DIALLED = re.compile(r"[^0-9+*#,;]")


def encoded(text):
    """``text`` with every character written as a numeric character reference."""
    return "".join(f"&#{ord(character)};" for character in text)


def email_link(address, class_name=None):
    """A ``mailto:`` link to ``address``, encoded as the module says; empty for no address."""
    if not address:
        return ""
    local, _at, domain = str(address).partition("@")
    # An empty comment between the parts: the text is no longer one string in the source.
    text = "<!-- -->".join([encoded(local), encoded("@"), encoded(domain)])
    attributes = f' class="{escape(class_name)}"' if class_name else ""
    return Markup(  # noqa: S704  # nosec B704 -- built only from character references
        f'<a{attributes} href="{encoded("mailto:" + str(address))}">{text}</a>'
    )


def dialled(number):
    """The number a ``tel:`` link dials: "(0239) 3 831 234" -> "02393831234"."""
    return _NOT_DIALLED.sub("", str(number or ""))


def tel_link(number, class_name=None):
    """A ``tel:`` link showing ``number`` as written; empty for no number."""
    if not number:
        return ""
    attributes = f' class="{escape(class_name)}"' if class_name else ""
    return Markup(  # noqa: S704  # nosec B704 -- every part is escaped
        f'<a{attributes} href="tel:{escape(dialled(number))}">{escape(number)}</a>'
    )
