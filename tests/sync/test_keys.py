"""The signing key lives in a key file in the user's data folder (owner-only), never in the database."""

from __future__ import annotations

import os
import stat

from inspector.db.sync import dump
from inspector.sync import keyfile, keys


def test_keys_are_made_in_an_owner_only_key_file_and_never_stored_in_the_database(services):
    identity = services.sync().identity()
    path = keyfile.key_path(services.store.device_id)
    assert path.is_file() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])
    pair = keyfile.load(services.store.device_id)
    assert pair["sign_public"] == identity["sign_public"]
    text = dump(services.store)
    assert pair["sign_private"] not in text and pair["enc_private"] not in text


def test_keys_kept_in_the_settings_by_an_older_version_move_to_the_key_file_once(services):
    old = keys.new_keys()
    for name, value in old.items():
        services.store.set_setting(name, value)
    assert services.sync().identity()["sign_public"] == old["sign_public"]  # the same identity as before
    assert keyfile.load(services.store.device_id)["sign_private"] == old["sign_private"]
    assert services.store.setting("sign_private") is None and services.store.setting("enc_private") is None
    assert old["sign_private"] not in dump(services.store)


def test_a_copied_database_without_its_key_file_cannot_sign_as_the_original(services):
    first = services.sync().identity()["sign_public"]
    keyfile.key_path(services.store.device_id).unlink()  # as on another computer
    assert services.sync().identity()["sign_public"] != first


def test_moved_keys_do_not_stay_in_the_database_file(services):
    old = keys.new_keys()
    for name, value in old.items():
        services.store.set_setting(name, value)
    services.sync().identity()
    services.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    services.close()  # the file is read only after its connection is closed (POSIX locks)
    raw = b"".join(p.read_bytes() for p in services.path.parent.glob(services.path.name + "*"))
    assert old["sign_private"].encode() not in raw

