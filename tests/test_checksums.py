"""Short keys naming cache files and the single-instance socket."""

from __future__ import annotations

from app.checksums import short_key


def test_a_key_is_sixteen_hex_digits_and_follows_every_part_and_their_order() -> None:
    key = short_key([b"0.1.0\n", b"0001.py", b"create table"])
    assert len(key) == 16 and int(key, 16) >= 0
    assert key == short_key([b"0.1.0\n", b"0001.py", b"create table"])
    assert key != short_key([b"0.1.0\n", b"0001.py", b"create table "])
    assert key != short_key([b"0001.py", b"0.1.0\n", b"create table"])
    assert short_key([]) == "0000000000000001"  # nothing read: the checksums' start
