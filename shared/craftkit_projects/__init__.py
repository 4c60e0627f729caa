"""Craftkit Projects API layer: everything the route functions share.

Modules are imported individually by each function so that a route loads only what it uses.
"""
