"""Tributary's bridge server for River and CapyMOA (protocol v1, see docs/bridge-protocol.md)."""
