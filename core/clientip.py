"""The reader's IP address (from X-Forwarded-For only through trusted proxies), and the block of
addresses that per-address limits count as one reader's."""

import ipaddress

from django.conf import settings

from .memo import remembered

# Stands for a client whose address the server did not give; nothing binds to it.
UNKNOWN_IP = "0.0.0.0"  # noqa: S104  # nosec B104


# Parsing an address is dear next to a cached page; the same readers come back again and again.
@remembered(maxsize=4096)
def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """Return the client's IP as the nearest trusted proxy saw it, else ``REMOTE_ADDR``.

    With ``TRUSTED_PROXY_COUNT = n``, each of our n proxies appended the address it saw, so the
    client is the n-th entry from the right; anything left of it is the reader's own, forgeable
    text and is never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = _valid_ip(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_IP
    if proxies <= 0:
        return remote_addr
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if len(forwarded) < proxies:
        return remote_addr
    return _valid_ip(forwarded[-proxies]) or remote_addr


# An IPv6 subscriber is given at least a /64 and may send from any address in it.
IPV6_SUBSCRIBER_PREFIX = 64


@remembered(maxsize=4096)
def address_block(ip):
    """What a per-address limit counts: an IPv4 address itself, an IPv6 address's /64 network.

    Counting single IPv6 addresses would let one reader vote again from each new address their
    device makes up (privacy addresses), with no limit at all.
    """
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_SUBSCRIBER_PREFIX}", strict=False))
    return str(address)
