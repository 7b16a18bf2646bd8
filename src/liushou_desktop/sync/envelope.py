"""The bundle file and the enrollment file: keys, signatures, encryption, framing.

A bundle is a ZIP (ASCII member names: ``manifest.json``, ``manifest.sig``, ``ops/NNNNN.jsonl``,
``blobs/<sha256>``). The manifest lists the SHA-256 of every other member and is signed with
the sender's Ed25519 key; the ZIP is then encrypted to the recipient with age (X25519). age
alone proves nothing about the sender: the signature does. Around the ciphertext sits a small
frame, so that a truncated file, a damaged one and one for somebody else each get their own
message before any decryption is tried::

    b"LIUSHOU-SYNC/001\\n"  magic and format version (16 + 1 bytes)
    20 bytes             the recipient's key fingerprint (ASCII, space padded)
    8 bytes              length of the ciphertext, big-endian
    32 bytes             SHA-256 of everything else in the file (frame and ciphertext)
    ciphertext           age, binary format

Nothing in the frame or the manifest names a child; the ZIP is only readable by the recipient.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

from ..domain.errors import KnownError

FORMAT_VERSION = 1
MAGIC = b"LIUSHOU-SYNC/"
_HEAD = len(MAGIC) + 4  # "001\n"
_FRAME = _HEAD + 20 + 8 + 32
ENROLLMENT_FORMAT = "liushou-enrollment"


class BundleRefused(KnownError):
    """A bundle (or enrollment file) that cannot be used; ``reason`` is a stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


# -- keys -------------------------------------------------------------------------------------
def fingerprint(sign_pub: str, age_recipient: str) -> str:
    """A short fingerprint of a site's two public keys, to compare with the printed card."""
    digest = hashlib.sha256(f"{sign_pub}|{age_recipient}".encode()).digest()
    text = base64.b32encode(digest[:10]).decode()
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class SiteKeys:
    """A site's key pair for signing (Ed25519) and for receiving (age X25519)."""

    sign_private: str  # base64 of the 32-byte raw key
    age_identity: str  # AGE-SECRET-KEY-1...

    @classmethod
    def generate(cls) -> SiteKeys:
        from cryptography.hazmat.primitives import serialization

        raw = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return cls(base64.b64encode(raw).decode(), str(x25519.Identity.generate()))

    def _signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.sign_private))

    @property
    def sign_pub(self) -> str:
        from cryptography.hazmat.primitives import serialization

        raw = (
            self._signer()
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return base64.b64encode(raw).decode()

    @property
    def age_recipient(self) -> str:
        return str(x25519.Identity.from_str(self.age_identity).to_public())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_pub, self.age_recipient)

    def sign(self, data: bytes) -> bytes:
        return self._signer().sign(data)


def verify(sign_pub: str, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(sign_pub)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


# -- enrollment -------------------------------------------------------------------------------
def make_enrollment(
    keys: SiteKeys, role: str, site_id: str, code: str, name: str, issued: str
) -> dict[str, Any]:
    """A self-signed statement: this site, with these public keys, is this school/township."""
    doc: dict[str, Any] = {
        "format": ENROLLMENT_FORMAT,
        "version": 1,
        "role": role,
        "site_id": site_id,
        "code": code,
        "name": name,
        "sign_pub": keys.sign_pub,
        "age_recipient": keys.age_recipient,
        "issued": issued,
    }
    doc["signature"] = base64.b64encode(keys.sign(canonical(doc))).decode()
    return doc


def check_enrollment(doc: object) -> dict[str, Any]:
    """The enrollment if it is well formed and signed by the key it names; else refused."""
    bad = BundleRefused(
        "bad_enrollment", "这不是有效的登记文件（内容不全或已被改动），请向对方重新要一份。"
    )
    if not isinstance(doc, dict) or doc.get("format") != ENROLLMENT_FORMAT:
        raise bad
    if not isinstance(doc.get("version"), int) or doc["version"] > 1:
        raise BundleRefused("newer_format", "这个登记文件来自更新版本的软件，请先升级本软件。")
    body = {k: v for k, v in doc.items() if k != "signature"}
    needed = ("role", "site_id", "code", "name", "sign_pub", "age_recipient", "issued")
    if any(not isinstance(body.get(k), str) for k in needed):
        raise bad
    try:
        signature = base64.b64decode(str(doc.get("signature", "")), validate=True)
        x25519.Recipient.from_str(body["age_recipient"])
    except (ValueError, pyrage.RecipientError) as err:
        raise bad from err
    if not verify(body["sign_pub"], signature, canonical(body)):
        raise bad
    return dict(doc)


# -- bundles ----------------------------------------------------------------------------------
def seal(
    manifest: Mapping[str, Any],
    members: list[tuple[str, bytes]],
    keys: SiteKeys,
    recipient: str,
    recipient_fingerprint: str,
) -> bytes:
    """Zip, sign and encrypt a bundle; returns the bytes of the file."""
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in members}
    body = {**manifest, "format": FORMAT_VERSION, "members": hashes}
    manifest_bytes = canonical(body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("manifest.json", manifest_bytes)
        z.writestr("manifest.sig", keys.sign(manifest_bytes))
        for name, data in members:
            z.writestr(name, data)
    plain = buf.getvalue()
    del buf
    cipher = pyrage.encrypt(plain, [x25519.Recipient.from_str(recipient)])
    head = MAGIC + f"{FORMAT_VERSION:03d}\n".encode()
    fp = recipient_fingerprint.encode().ljust(20)[:20]
    size = struct.pack(">Q", len(cipher))
    digest = _digest(head + fp + size, cipher)
    return b"".join((head, fp, size, digest, cipher))


def _digest(frame: bytes, cipher: bytes) -> bytes:
    h = hashlib.sha256(frame)
    h.update(cipher)
    return h.digest()


def frame_recipient(data: bytes) -> str:
    """The recipient fingerprint written in a bundle's frame ('' if not a bundle)."""
    if not data.startswith(MAGIC) or len(data) < _FRAME:
        return ""
    return data[_HEAD : _HEAD + 20].decode("ascii", "replace").strip()


@dataclass
class OpenedBundle:
    """A decrypted bundle whose manifest can be read; ``verify`` before using anything."""

    manifest: dict[str, Any]
    _zip: zipfile.ZipFile
    _manifest_bytes: bytes
    _signature: bytes

    def verify(self, sign_pub: str) -> bool:
        return verify(sign_pub, self._signature, self._manifest_bytes)

    def check_members(self) -> None:
        members = self.manifest.get("members")
        if not isinstance(members, dict):
            raise _damaged()
        names = set(self._zip.namelist()) - {"manifest.json", "manifest.sig"}
        if names != set(members):
            raise _damaged()
        for name, digest in members.items():
            h = hashlib.sha256()
            with self._zip.open(name) as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            if h.hexdigest() != digest:
                raise _damaged()

    def ops(self) -> Iterator[list[Any]]:
        """Every op, in the order written (one JSON array per line)."""
        for name in sorted(n for n in self.manifest["members"] if n.startswith("ops/")):
            data = self._zip.read(name).strip()
            if not data:
                continue
            # one parse per member: JSON strings never hold a raw newline, so the lines joined
            # with commas are one array (several times faster than a parse per line)
            try:
                ops = json.loads(b"[" + data.replace(b"\n", b",") + b"]")
            except ValueError as err:
                raise _damaged() from err
            yield from ops

    def blob_names(self) -> list[str]:
        return sorted(n[6:] for n in self.manifest["members"] if n.startswith("blobs/"))

    def blob(self, sha256: str) -> bytes:
        return self._zip.read(f"blobs/{sha256}")


def _damaged() -> BundleRefused:
    return BundleRefused("damaged", "同步包已损坏（内容校验不符），请让对方重新导出一份。")


def open_bundle(data: bytes, keys: SiteKeys) -> OpenedBundle:
    """Check the frame, decrypt and read the manifest. Nothing is trusted until ``verify``."""
    if not data.startswith(MAGIC):
        raise BundleRefused(
            "not_bundle", "这个文件不是同步包（内容不对，不是本软件导出的），请检查选的文件。"
        )
    try:
        version = int(data[len(MAGIC) : len(MAGIC) + 3])
    except ValueError as err:
        raise BundleRefused("not_bundle", "这个文件不是同步包，请检查选的文件。") from err
    if version > FORMAT_VERSION:
        raise BundleRefused("newer_format", "这个同步包来自更新版本的软件，请先升级本软件再导入。")
    if len(data) < _FRAME:
        raise _truncated()
    (length,) = struct.unpack(">Q", data[_HEAD + 20 : _HEAD + 28])
    digest = data[_HEAD + 28 : _FRAME]
    cipher = data[_FRAME:]
    if len(cipher) < length:
        raise _truncated()
    if len(cipher) > length or _digest(data[: _HEAD + 28], cipher) != digest:
        raise _damaged()
    if frame_recipient(data) != keys.fingerprint:
        raise _wrong_recipient()
    try:
        plain = pyrage.decrypt(cipher, [x25519.Identity.from_str(keys.age_identity)])
    except pyrage.DecryptError as err:
        if "No matching keys" in str(err):
            raise _wrong_recipient() from err
        raise _damaged() from err
    try:
        z = zipfile.ZipFile(io.BytesIO(plain))
        manifest_bytes = z.read("manifest.json")
        signature = z.read("manifest.sig")
        manifest = json.loads(manifest_bytes)
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise _damaged() from err
    if not isinstance(manifest, dict):
        raise _damaged()
    if not isinstance(manifest.get("format"), int) or manifest["format"] > FORMAT_VERSION:
        raise BundleRefused("newer_format", "这个同步包来自更新版本的软件，请先升级本软件再导入。")
    return OpenedBundle(manifest, z, manifest_bytes, signature)


def _truncated() -> BundleRefused:
    return BundleRefused(
        "truncated", "同步包不完整（可能拷贝时U盘被拔出），请重新拷贝一次，或让对方重新导出。"
    )


def _wrong_recipient() -> BundleRefused:
    return BundleRefused(
        "wrong_recipient",
        "这个同步包不是发给本单位的（收件人不符），请确认拿到的是发给本单位的文件。",
    )
