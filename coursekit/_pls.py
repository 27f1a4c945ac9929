"""Old home of the PLS path model, now :mod:`coursekit.acsi` (kept so saved notebooks work)."""

from .acsi import SCHEMES, PLSResult, pls_path

__all__ = ["PLSResult", "pls_path", "SCHEMES"]
