"""The questions app's own signal: something readers see on the public question pages changed."""

from django.dispatch import Signal

public_questions_changed = Signal()


def announce_public_questions_changed():
    public_questions_changed.send(sender=None)
