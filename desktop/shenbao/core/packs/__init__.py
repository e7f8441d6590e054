"""Signed policy packs: the law delivered as a file, verified offline, installed into a data folder.

- source.py   the pack source folder and `pack.toml`, read with the shipped library's strict loader
- keys.py     publishers' Ed25519 keys and the data folder's trusted list
- archive.py  the signed `.shenbao-policy` zip: build, and read without trusting it
- library.py  installed packs in the data folder, merged over the shipped library and put in use
- delta.py    what an install changes for each stored enterprise
"""
