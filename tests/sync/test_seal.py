"""A sealed payload is encrypted and opened a chunk at a time: only the receiver opens it, and a stream cut
short, reordered, spliced or altered does not open at all."""

from __future__ import annotations

import io

import pytest

from inspector.sync import keys


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(keys, "SEAL_CHUNK", 16)


def sealed(public: str, data: bytes) -> bytes:
    out = io.BytesIO()
    keys.seal_stream(public, io.BytesIO(data), out.write)
    return out.getvalue()


def opened(private: str, stream: bytes) -> bytes | None:
    source = io.BytesIO(stream)
    assert source.read(len(keys.SEALED)) == keys.SEALED
    out = io.BytesIO()
    return out.getvalue() if keys.open_stream(private, source, out.write) else None


def chunks(stream: bytes) -> tuple[bytes, list[bytes]]:
    head_end = stream.index(b"\n", len(keys.SEALED)) + 1
    head, rest, out = stream[:head_end], stream[head_end:], []
    while rest:
        size = int.from_bytes(rest[:4], "big")
        out.append(rest[:4 + size])
        rest = rest[4 + size:]
    return head, out


def test_round_trip_over_many_chunks_and_only_for_the_receiver(small_chunks):
    me, other = keys.new_keys(), keys.new_keys()
    data = bytes(range(256)) * 3
    stream = sealed(me["enc_public"], data)
    assert len(chunks(stream)[1]) == len(data) // 16
    assert opened(me["enc_private"], stream) == data
    assert opened(other["enc_private"], stream) is None
    assert opened(me["enc_private"], sealed(me["enc_public"], b"")) == b""


def test_a_cut_reordered_or_altered_stream_does_not_open(small_chunks):
    me = keys.new_keys()
    head, parts = chunks(sealed(me["enc_public"], b"x" * 100))
    assert opened(me["enc_private"], head + b"".join(parts[:-1])) is None  # the last chunk dropped
    assert opened(me["enc_private"], head + b"".join([parts[1], parts[0], *parts[2:]])) is None
    assert opened(me["enc_private"], head + b"".join(parts) + parts[-1]) is None  # something after the end
    flipped = bytearray(parts[2])
    flipped[10] ^= 1
    assert opened(me["enc_private"], head + b"".join([*parts[:2], bytes(flipped), *parts[3:]])) is None
    assert opened(me["enc_private"], keys.SEALED + b"not json\n" + b"".join(parts)) is None
