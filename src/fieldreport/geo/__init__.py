"""Offline geography: map packs, boundary layers, point-in-polygon, gazetteer, MGRS (issue 6).

No Qt and no network: everything reads files installed with the program or a map pack.
"""
