"""Who a reader is when they vote (an article's stars, a poll): a random id in a signed cookie.

One cookie for every vote on the site, so one reader is one voter everywhere; each app keeps
its own one-vote-per-voter rule, counted exactly under a lock of its own.
"""

import secrets

from django.conf import settings

VOTER_COOKIE_SALT = "ratings.voter"
VOTER_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def new_voter_id():
    return secrets.token_hex(16)


def voter_cookie_name():
    # Browsers bind a __Host- cookie to this host over HTTPS, out of reach of sibling subdomains.
    # Named after the first app that voted: readers' cookies stay valid.
    return "__Host-ratings_voter" if settings.SESSION_COOKIE_SECURE else "ratings_voter"


def read_voter_id(request):
    """The reader's voter id from their signed cookie, or "" for none (or a forged one)."""
    voter_id = request.get_signed_cookie(voter_cookie_name(), default="", salt=VOTER_COOKIE_SALT)
    return voter_id if len(voter_id) == 32 and voter_id.isalnum() else ""


def remember_voter(response, voter_id):
    response.set_signed_cookie(
        voter_cookie_name(),
        voter_id,
        salt=VOTER_COOKIE_SALT,
        max_age=VOTER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
