"""A person's contact card as vCard 3.0 (RFC 2426), the version every phone's address book
imports: UTF-8 text, special characters escaped, long lines folded, CRLF line ends."""

from django.conf import settings

from core.reach import dialled

# RFC 2426 5.8.4 / RFC 6350 3.2: lines longer than 75 octets are folded.
MAX_LINE_OCTETS = 75


def escaped(value):
    """A text value with its backslashes, commas, semicolons and line breaks escaped."""
    text = str(value or "")
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return "\\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def folded(line):
    """``line`` cut into pieces of at most 75 octets, never inside a UTF-8 character; each
    continuation starts with a space."""
    pieces, current, size = [], "", 0
    for character in line:
        length = len(character.encode())
        limit = MAX_LINE_OCTETS if not pieces else MAX_LINE_OCTETS - 1
        if size + length > limit:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += length
    pieces.append(current)
    return "\r\n ".join(pieces)


def name_parts(full_name):
    """(family name, given names) of a Vietnamese name: the family name comes first."""
    words = full_name.split()
    if len(words) < 2:
        return full_name, ""
    return words[0], " ".join(words[1:])


def vcard(person) -> str:
    """``person``'s card: name, position, unit, phone and e-mail (unit's when they have none)."""
    unit = person.unit
    family, given = name_parts(person.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escaped(family)};{escaped(given)};;;",
        f"FN:{escaped(person.name)}",
        f"ORG:{escaped(settings.TOWN_NAME)};{escaped(unit.name)}",
        f"TITLE:{escaped(person.position)}",
    ]
    phone = person.phone or unit.phone
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escaped(dialled(phone))}")
    email = person.email or unit.email
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escaped(email)}")
    if unit.address:
        lines.append(f"ADR;TYPE=WORK:;;{escaped(unit.address)};;;;")
    lines.append(f"URL:{settings.SITE_URL}{unit.get_absolute_url()}")
    lines.append("END:VCARD")
    return "".join(folded(line) + "\r\n" for line in lines)
