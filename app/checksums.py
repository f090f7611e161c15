"""Short keys that name things (a cache file, a local socket) from what they depend on.

Two 32-bit zlib checksums rather than a cryptographic hash: nothing named this way needs
to resist forgery, and hashlib's OpenSSL start-up would cost every start of the app and
every `rrt` command a few milliseconds.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable


def short_key(parts: Iterable[bytes]) -> str:
    """16 hex digits that change whenever any part (or their order) changes."""
    crc, adler = 0, 1
    for part in parts:
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    return f"{crc:08x}{adler:08x}"
