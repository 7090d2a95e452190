"""Sealed values: what the graph stores in place of a shelter location (docs/security.md,
"Shelter locations").

A sealed value is never stored readable in Neo4j. Its property holds the placeholder
`PLACEHOLDER`; beside it, `<property>_sealed` holds the value encrypted with AES-SIV
(`cryptography`'s AESSIV: authenticated, and deterministic, so a reload writes the same bytes and
stays idempotent, and a bulk load and a normal load give the same graph), and comparisons use a
keyed hash (HMAC-SHA256) of the value's normalised form. Both keys are derived (HKDF-SHA256) from
one seal key: `JSS_SEAL_KEY`, else the key generated once into `$JSS_DATA_DIR/seal-key` (0600).
The key is never written to the database; without it the ciphertexts and hashes say nothing but
which sealed values are equal.

Format of a sealed value: `v1:` + base64url(AES-SIV(value, associated data = the property name)),
so a ciphertext moved to another property does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from graph.errors import JSSError

# The same text as auth.masking.SUPPRESSED (graph/ cannot import auth/; a unit test checks both).
PLACEHOLDER = "(보호시설 비공개)"
VERSION = "v1"
# Resolution reads `address_ref` instead of the address: `⟦sealed:<place hash>:<unit hash>⟧`.
REF_PREFIX = "⟦sealed:"
REF_SUFFIX = "⟧"
KEY_FILE = "seal-key"


class SealError(JSSError):
    """A sealed value could not be opened (another key, or the value was altered)."""


def _derive(master: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(master)


class Seal:
    """Seal, open and hash with the keys derived from one master key (32+ random bytes)."""

    def __init__(self, master: bytes):
        if len(master) < 32:
            raise SealError("the seal key must be at least 32 bytes (64 hex digits)")
        self._aead = AESSIV(_derive(master, b"jss-graph seal aes-siv v1", 64))
        self._mac = _derive(master, b"jss-graph seal hmac v1", 32)

    def seal(self, value: str, prop: str) -> str:
        """`value` encrypted for property `prop`."""
        data = self._aead.encrypt(value.encode("utf-8"), [prop.encode("utf-8")])
        return f"{VERSION}:" + base64.urlsafe_b64encode(data).decode("ascii")

    def open(self, token: str, prop: str) -> str:
        """The value `seal(value, prop)` gave `token` for; SealError when it does not open."""
        version, _, body = str(token).partition(":")
        if version != VERSION or not body:
            raise SealError(f"not a sealed value of format {VERSION}")
        try:
            data = self._aead.decrypt(base64.urlsafe_b64decode(body.encode("ascii")), [prop.encode("utf-8")])
        except (InvalidTag, ValueError) as exc:
            raise SealError("the sealed value does not open with this key (another key, or altered)") from exc
        return data.decode("utf-8")

    def keyed(self, normalised: str, kind: str) -> str:
        """Keyed hash (HMAC-SHA256, 128 bits in hex) of a normalised value of `kind` (place, unit, phone)."""
        return hmac.new(self._mac, f"{kind}\0{normalised}".encode(), hashlib.sha256).hexdigest()[:32]


def address_ref(place_hash: str, unit_hash: str | None) -> str:
    """What resolution reads for a sealed address: place and unit as opaque hashes."""
    return f"{REF_PREFIX}{place_hash}:{unit_hash or ''}{REF_SUFFIX}"


def parse_ref(text: str) -> tuple[str, str | None] | None:
    """(place hash, unit hash or None) of an `address_ref`, None for any other text."""
    if not isinstance(text, str) or not text.startswith(REF_PREFIX) or not text.endswith(REF_SUFFIX):
        return None
    place, _, unit = text[len(REF_PREFIX):-len(REF_SUFFIX)].partition(":")
    return (place, unit or None) if place else None


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILE


def master_key(settings) -> bytes:
    """JSS_SEAL_KEY (64+ hex digits), else `$JSS_DATA_DIR/seal-key`, generated once (0600).

    Losing the key loses the sealed values (the graph cannot open them; reload the bundles), and
    a different key in another process makes its hashes differ: every process that loads data or
    unseals must use the same key (set JSS_SEAL_KEY for a deployment)."""
    configured = getattr(settings, "seal_key", "") or ""
    if configured:
        return _from_hex(configured, "JSS_SEAL_KEY")
    path = key_path(settings.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _from_hex(path.read_text(encoding="utf-8").strip(), str(path))
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return _from_hex(path.read_text(encoding="utf-8").strip(), str(path))


def _from_hex(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError as exc:
        raise SealError(f"{where}: the seal key must be hexadecimal (64 hex digits)") from exc
    if len(key) < 32:
        raise SealError(f"{where}: the seal key must be at least 32 bytes (64 hex digits)")
    return key


_lock = threading.Lock()
_seals: dict[bytes, Seal] = {}


def seal_for(settings) -> Seal:
    """The Seal of the configured key (built once per key and process)."""
    master = master_key(settings)
    with _lock:
        if master not in _seals:
            _seals[master] = Seal(master)
        return _seals[master]
