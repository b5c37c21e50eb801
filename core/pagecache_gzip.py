"""Gzip for cached pages: each page compressed once, when it is stored, and served compressed with
the figures filled in at serve time, without compressing anything per request.

A cached page is HTML cut at its serve-time placeholders (core.pagecache). Each fixed piece is
compressed once into raw deflate blocks that end on a full flush: byte-aligned, and referring to
nothing before them, so a piece's blocks stay valid whatever is put in front of them. A serve
puts each filled-in figure between them as a stored (uncompressed) deflate block, a few bytes
long, and closes the gzip stream with the CRC-32 and length of the page it spells. The CRC-32 of
the whole page is combined from each fixed piece's CRC-32, computed when stored, and the figures'
own: a serve never reads the page's bytes again (zlib's crc32_combine, with the shift for each
piece's length kept as lookup tables).
"""

import struct
import zlib
from array import array

# A gzip member's header: deflate, no name, no time, unknown system (RFC 1952).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
# The largest stored deflate block (RFC 1951, 3.2.4).
STORED_BLOCK_MAX = 0xFFFF
_CRC_POLYNOMIAL = 0xEDB88320  # CRC-32 as gzip and zlib use it, bits reflected


def _multiply(a, b):
    """a(x) * b(x) modulo the CRC-32 polynomial (zlib's multmodp); a is not zero."""
    m = 1 << 31
    product = 0
    while True:
        if a & m:
            product ^= b
            if not a & (m - 1):
                return product
        m >>= 1
        b = (b >> 1) ^ _CRC_POLYNOMIAL if b & 1 else b >> 1


def _x_to_the_power_of_2_to_the(count):
    powers = [1 << 30]  # x^1, then x^2, x^4, ...
    for _n in range(count - 1):
        powers.append(_multiply(powers[-1], powers[-1]))
    return powers


_X_POWERS = _x_to_the_power_of_2_to_the(64)


def _shift_for(length):
    """x^(8 * length) modulo the polynomial (zlib's x2nmodp(length, 3)): what a CRC-32 is
    multiplied by when ``length`` bytes follow what it covers."""
    product, k = 1 << 31, 3
    while length:
        if length & 1:
            product = _multiply(_X_POWERS[k & 63], product)
        length >>= 1
        k += 1
    return product


def _shift_tables(length):
    """The shift for ``length`` bytes as eight tables of sixteen, one per four bits of a CRC:
    ``_shifted(tables, crc)`` is eight lookups instead of a 32-step multiplication."""
    shift = _shift_for(length)
    tables = array("I")
    for nibble in range(8):
        for value in range(16):
            tables.append(_multiply(shift, value << (4 * nibble)) if value else 0)
    return tables


def _shifted(tables, crc):
    result = 0
    for nibble in range(8):
        result ^= tables[nibble * 16 + ((crc >> (4 * nibble)) & 15)]
    return result


def _stored_blocks(data):
    """``data`` as stored (uncompressed, not final) deflate blocks, byte-aligned."""
    blocks = []
    for start in range(0, len(data), STORED_BLOCK_MAX):
        chunk = data[start : start + STORED_BLOCK_MAX]
        blocks += [struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF), chunk]
    return blocks


class GzipPieces:
    """A page's fixed pieces, each compressed once; ``stream(values)`` is the gzip body of the
    page with ``values`` between the pieces (one fewer values than pieces)."""

    def __init__(self, pieces):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
        last = len(pieces) - 1
        self.compressed = [
            compressor.compress(piece)
            + compressor.flush(zlib.Z_FINISH if number == last else zlib.Z_FULL_FLUSH)
            for number, piece in enumerate(pieces)
        ]
        self.crcs = [zlib.crc32(piece) for piece in pieces]
        self.lengths = [len(piece) for piece in pieces]
        # The first piece starts the page: nothing before it to shift.
        self.shifts = [None, *(_shift_tables(len(piece)) for piece in pieces[1:])]

    @property
    def size(self):
        """The compressed size without any value."""
        return len(GZIP_HEADER) + sum(map(len, self.compressed)) + 8

    def stream(self, values):
        crc, length = self.crcs[0], self.lengths[0]
        body = [GZIP_HEADER, self.compressed[0]]
        for number, value in enumerate(values, start=1):
            if value:
                body += _stored_blocks(value)
                crc = zlib.crc32(value, crc)
                length += len(value)
            crc = _shifted(self.shifts[number], crc) ^ self.crcs[number]
            length += self.lengths[number]
            body.append(self.compressed[number])
        body.append(struct.pack("<II", crc, length & 0xFFFFFFFF))
        return b"".join(body)
