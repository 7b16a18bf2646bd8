"""Bundles that must be refused, each with its own Chinese message, writing nothing; and what a
lost stick reveals (nothing about any child)."""

from __future__ import annotations

import json
import struct
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import META_AGE, META_SIGN, SyncService
from liushou_desktop.sync import envelope
from liushou_desktop.sync.envelope import SiteKeys, seal
from tests.sync.helpers import audit_entries, dump, school, send, township

_messages: list[str] | None = None
_seen: set[str] = set()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[ServiceContext, ServiceContext, Path]:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001", children=3)
    out = SyncService(a).export_bundle(tmp_path / "good.lsync")
    return town, a, out.path


def _refused(town: ServiceContext, data: bytes, tmp_path: Path, name: str) -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    before = dump(town.db.path)
    trail = audit_entries(town.db.path)
    (result,) = SyncService(town).import_bundles([path])
    assert result.status == "rejected"
    assert result.message and all(ord(ch) < 128 for ch in result.reason)
    assert dump(town.db.path) == before  # nothing written
    assert audit_entries(town.db.path) == [*trail, ("bundle_import", "failed")]  # but recorded
    if _messages is not None and result.reason not in _seen:
        _seen.add(result.reason)
        _messages.append(result.message)
    return result.reason, result.message


def test_each_kind_of_bad_bundle_has_its_own_reason(pair, tmp_path: Path) -> None:
    town, a, good = pair
    data = good.read_bytes()
    reasons: dict[str, str] = {}
    messages: list[str] = []
    global _messages
    _messages = messages

    reasons["truncated"] = _refused(town, data[: len(data) // 2], tmp_path, "cut.lsync")[0]
    flipped = bytearray(data)
    flipped[len(data) - 100] ^= 0x01
    reasons["damaged"] = _refused(town, bytes(flipped), tmp_path, "flip.lsync")[0]
    header_flip = bytearray(data)
    header_flip[20] ^= 0x01  # in the recipient fingerprint of the frame
    assert _refused(town, bytes(header_flip), tmp_path, "flip2.lsync")[0] == "damaged"
    reasons["not_bundle"] = _refused(town, b"PK\x03\x04 just a zip", tmp_path, "x.lsync")[0]

    # for somebody else: another township's key
    other = township(tmp_path / "other", "别的镇", "T09")
    b = school(tmp_path / "other", "别校", "S009", children=1)
    wrong = SyncService(b).export_bundle(tmp_path / "w.lsync").path.read_bytes()
    reasons["wrong_recipient"] = _refused(town, wrong, tmp_path, "wrong.lsync")[0]
    assert other  # (its own township would accept it)

    # a newer format of the frame, and of the manifest
    newer = envelope.MAGIC + b"002\n" + data[len(envelope.MAGIC) + 4 :]
    reasons["newer_format"] = _refused(town, newer, tmp_path, "newer.lsync")[0]

    keys = SyncService(town).own_keys()
    school_keys = _keys_of(a)

    def forge(manifest_patch: dict, signer: SiteKeys) -> bytes:
        opened = envelope.open_bundle(data, keys)
        manifest = {k: v for k, v in opened.manifest.items() if k not in ("format", "members")}
        manifest.update(manifest_patch)
        members = [(n, opened._zip.read(n)) for n in opened.manifest["members"]]
        return seal(manifest, members, signer, keys.age_recipient, keys.fingerprint)

    assert _refused(town, forge({"schema": "9999"}, school_keys), tmp_path, "s.lsync")[0] == (
        "newer_format"
    )
    # unknown signer: a stranger's key, no enrollment
    stranger = SiteKeys.generate()
    sender = {"site_id": "stranger-site", "role": "school", "code": "S777"}
    reasons["unknown_signer"] = _refused(
        town, forge({"sender": sender, "enrollment": None}, stranger), tmp_path, "u.lsync"
    )[0]
    # forged origin: the school is enrolled (its first bundle merged); a bundle in its name
    # signed with another key
    send(a, town, tmp_path / "s")
    reasons["forged_origin"] = _refused(town, forge({}, stranger), tmp_path, "f.lsync")[0]

    assert reasons == {k: k for k in reasons}  # each refusal says what happened
    assert len(reasons) == 7
    assert len(set(messages)) == len(messages)  # and says it in its own words


def test_messages_are_distinct_and_chinese(pair, tmp_path: Path) -> None:
    town, _a, good = pair
    data = good.read_bytes()
    flipped = bytearray(data)
    flipped[-50] ^= 0x10
    m1 = _refused(town, data[:-7], tmp_path, "a.lsync")[1]
    m2 = _refused(town, bytes(flipped), tmp_path, "b.lsync")[1]
    assert m1 != m2
    assert "不完整" in m1 and "损坏" in m2


def test_no_child_name_or_id_number_appears_in_a_bundle(pair) -> None:
    _town, a, good = pair
    data = good.read_bytes()
    rows = ArchiveService(a).list_children()
    assert rows
    for r in rows:
        for secret in (r.name, r.id_number, r.guardian_name, r.guardian_phone):
            assert secret
            for encoding in ("utf-8", "gbk", "utf-16-le"):
                assert secret.encode(encoding) not in data
            assert json.dumps(secret).encode() not in data  # \\u escapes


def test_a_bundle_holds_a_signed_manifest_and_ascii_member_names(pair) -> None:
    town, _a, good = pair
    opened = envelope.open_bundle(good.read_bytes(), SyncService(town).own_keys())
    names = opened._zip.namelist()
    assert names[:2] == ["manifest.json", "manifest.sig"]
    assert all(n.isascii() for n in names)
    assert opened.manifest["format"] == envelope.FORMAT_VERSION
    assert set(opened.manifest["members"]) == set(names[2:])
    with zipfile.ZipFile(BytesIO(opened._zip.fp.getvalue())) as z:  # type: ignore[union-attr]
        assert z.testzip() is None
    length = struct.unpack(">Q", good.read_bytes()[37:45])[0]
    assert length == len(good.read_bytes()) - 77


def _keys_of(ctx: ServiceContext) -> SiteKeys:
    import sqlite3

    conn = sqlite3.connect(ctx.db.path)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    finally:
        conn.close()
    return SiteKeys(meta[META_SIGN], meta[META_AGE])
