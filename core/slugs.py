"""Slugs for what staff name in Vietnamese: free at the moment of saving, even when two editors
save the same title at once."""

from django.db import IntegrityError, router, transaction

from .text import vietnamese_slugify


def unique_slug(model, text, instance_pk=None, max_length=200):
    """A slug for ``text`` not yet used by another row of ``model``: "le-hoi", "le-hoi-2", ..."""
    base = vietnamese_slugify(text)[:max_length].strip("-") or "bai-viet"
    slug, number = base, 1
    others = model.objects.exclude(pk=instance_pk)
    while others.filter(slug=slug).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


def save_with_unique_slug(instance, save, text, max_length):
    """Run ``save()`` for ``instance``, first giving it a free slug from ``text`` if it has none.

    Two editors saving articles with the same title at once are both given the same free slug,
    and the second insert fails on the unique index: that one takes the next slug instead of
    answering an error page and losing the editor's work.
    """
    if instance.slug:
        return save()
    model = type(instance)
    for _attempt in range(10):
        instance.slug = unique_slug(model, text, instance.pk, max_length)
        try:
            with transaction.atomic(using=instance._state.db or router.db_for_write(model)):
                return save()
        except IntegrityError:
            if not model.objects.exclude(pk=instance.pk).filter(slug=instance.slug).exists():
                raise
    raise IntegrityError(f"no free slug for {text!r} after 10 attempts")
