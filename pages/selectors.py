"""Reads of the page tree other code needs: a public page by its path, its old addresses, the
public tree for the site map, the sitemap and the menu."""

from .models import Page, PageRedirect


def public_pages():
    """Every page readers may see (it and every page above it published), in tree order:
    [(page, depth)], the top-level pages first, each followed by its descendants."""
    published = {
        page.pk: page for page in Page.objects.published().defer("body", "lead").order_by()
    }
    children = {}
    for page in published.values():
        children.setdefault(page.parent_id, []).append(page)
    for siblings in children.values():
        siblings.sort(key=lambda page: (page.order, page.title, page.pk))
    ordered = []

    def walk(parent_id, depth):
        for page in children.get(parent_id, []):
            # Each page reached carries its public children, for a nested list.
            page.tree_children = children.get(page.pk, [])
            ordered.append((page, depth))
            walk(page.pk, depth + 1)

    # Only pages reached from the top through published pages: a draft hides its subtree.
    walk(None, 0)
    return ordered


def public_page(*, path):
    """The published page at ``path`` with its ancestors (top first), or None.

    A published page under a draft is not public: its address is a 404 like the draft's.
    """
    page = Page.objects.published().select_related("parent").filter(path=path).first()
    if page is None:
        return None
    ancestors = page.ancestors()
    if not all(ancestor.is_published for ancestor in ancestors):
        return None
    page.breadcrumb = ancestors
    return page


def preview_page(*, path):
    """The page at ``path`` whatever its status (staff preview a draft), or None."""
    page = Page.objects.select_related("parent").filter(path=path).first()
    if page is not None:
        page.breadcrumb = page.ancestors()
    return page


def public_children(page):
    return list(page.children.published().defer("body"))


def moved_to(*, path):
    """The current address of the page that used to be at ``path``, or None."""
    redirect = PageRedirect.objects.select_related("page").filter(old_path=path).first()
    if redirect is None or public_page(path=redirect.page.path) is None:
        return None
    return redirect.page.get_absolute_url()


def public_paths():
    return {page.path for page, _depth in public_pages()}
