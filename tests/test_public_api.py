"""The public API: everything public is in __all__, and everything in __all__ exists."""

from __future__ import annotations

import safeshare


def test_all_is_complete_and_real() -> None:
    for name in safeshare.__all__:  # names load on first use: load them all
        assert hasattr(safeshare, name), name
    public = {name for name in vars(safeshare) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(safeshare, name)).__name__ == "module"}
    assert set(safeshare.__all__) == (public - modules) | {"__version__"}
    assert dir(safeshare) == sorted(safeshare.__all__)
