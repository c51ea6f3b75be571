"""This device's keys: Ed25519 to sign the packages it sends, X25519 to receive encrypted ones.

The private keys stay in the local database; the public keys travel in every manifest and in the district's
register of trusted devices.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

RAW = serialization.Encoding.Raw
PUB = serialization.PublicFormat.Raw
PRIV = serialization.PrivateFormat.Raw
NONE = serialization.NoEncryption()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_keys() -> dict[str, str]:
    """A fresh signing and encryption key pair, as base64 strings."""
    sign, enc = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    return {"sign_private": b64(sign.private_bytes(RAW, PRIV, NONE)),
            "sign_public": b64(sign.public_key().public_bytes(RAW, PUB)),
            "enc_private": b64(enc.private_bytes(RAW, PRIV, NONE)),
            "enc_public": b64(enc.public_key().public_bytes(RAW, PUB))}


def sign(private: str, message: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(unb64(private)).sign(message))


def verify(public: str, message: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public)).verify(unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: str) -> str:
    """A short, readable form of a public key for people to compare over the phone. A register from outside (a
    restored backup, a database opened with --db) may hold a key that is none: it reads 密钥无效, so the list of
    peers still shows and the officer can revoke it."""
    digest = hashes.Hash(hashes.SHA256())
    try:
        digest.update(unb64(public))
    except (ValueError, AttributeError, TypeError):
        return "（密钥无效）"
    hexed = digest.finalize().hex()[:20].upper()
    return " ".join(hexed[i:i + 4] for i in range(0, 20, 4))


def _key(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"inspector-package-v1").derive(shared)


def encrypt(recipient_public: str, plaintext: bytes) -> dict[str, str]:
    """AES-GCM under a key agreed by X25519 with a fresh ephemeral key (only the recipient can decrypt)."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(recipient_public)))
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_key(shared, salt)).encrypt(nonce, plaintext, None)
    return {"ephemeral": b64(ephemeral.public_key().public_bytes(RAW, PUB)), "salt": b64(salt),
            "nonce": b64(nonce), "ciphertext": b64(sealed)}


def decrypt(private: str, box: dict[str, str]) -> bytes | None:
    """The plaintext, or None when the key is wrong or the data was altered."""
    try:
        shared = X25519PrivateKey.from_private_bytes(unb64(private)).exchange(
            X25519PublicKey.from_public_bytes(unb64(box["ephemeral"])))
        return AESGCM(_key(shared, unb64(box["salt"]))).decrypt(unb64(box["nonce"]), unb64(box["ciphertext"]), None)
    except (InvalidTag, ValueError, KeyError):
        return None


# -- sealing a large payload as a stream ---------------------------------------------------------------------
SEALED = b"INSPX-SEALED-1\n"
SEAL_CHUNK = 1 << 20


def seal_stream(recipient_public: str, source: BinaryIO, write: Callable[[bytes], None]) -> None:
    """AES-GCM over ``source`` in 1 MB chunks, for a key agreed as in :func:`encrypt`: a header line, then each
    chunk as a 4-byte length and its ciphertext. A chunk's nonce is a random prefix and its number, and its
    associated data says whether it is the last, so a stream cut short, reordered or spliced does not open."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(recipient_public)))
    salt, prefix = os.urandom(16), os.urandom(8)
    aes = AESGCM(_key(shared, salt))
    header = {"ephemeral": b64(ephemeral.public_key().public_bytes(RAW, PUB)), "salt": b64(salt),
              "prefix": b64(prefix)}
    write(SEALED + json.dumps(header).encode("ascii") + b"\n")
    block, number = source.read(SEAL_CHUNK), 0
    while True:
        following = source.read(SEAL_CHUNK)
        sealed = aes.encrypt(prefix + number.to_bytes(4, "big"), block, b"more" if following else b"last")
        write(len(sealed).to_bytes(4, "big") + sealed)
        if not following:
            return
        block, number = following, number + 1


def open_stream(private: str, source: BinaryIO, write: Callable[[bytes], None]) -> bool:
    """The plaintext of a :func:`seal_stream` stream (after its first line) written out chunk by chunk; False
    when the key is wrong or anything was altered, cut or added (what was written must then be discarded)."""
    try:
        header = json.loads(source.readline(1024))
        shared = X25519PrivateKey.from_private_bytes(unb64(private)).exchange(
            X25519PublicKey.from_public_bytes(unb64(header["ephemeral"])))
        aes, prefix = AESGCM(_key(shared, unb64(header["salt"]))), unb64(header["prefix"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    for number in range(2**32):
        size = int.from_bytes(source.read(4), "big")
        sealed = source.read(size) if 16 <= size <= SEAL_CHUNK + 16 else b""
        if not sealed or len(sealed) != size or len(prefix) != 8:
            return False
        nonce = prefix + number.to_bytes(4, "big")
        for last in (False, True):
            try:
                write(aes.decrypt(nonce, sealed, b"last" if last else b"more"))
                break
            except InvalidTag:
                if last:
                    return False
        if last:
            return not source.read(1)
    return False
