from tests.store.factory import memory_keyring, no_keyring  # noqa: F401
