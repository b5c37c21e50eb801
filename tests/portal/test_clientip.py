"""The block of addresses that per-address limits count as one reader."""

import pytest

from core.clientip import address_block


@pytest.mark.parametrize(
    ("ip", "block"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:4:7:a1b2:c3d4:e5f6:1", "2001:db8:4:7::/64"),
        ("2001:db8:4:7::1", "2001:db8:4:7::/64"),
        # An IPv4 reader seen through an IPv6 socket is the IPv4 reader.
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_an_ipv6_network_is_one_block_and_an_ipv4_address_its_own(ip, block):
    assert address_block(ip) == block
