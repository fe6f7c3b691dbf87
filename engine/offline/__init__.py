"""The offline generation path: spec -> workflow without network or keys, and offline edits."""

from engine.offline.generator import OfflineGenerator, finalize

__all__ = ["OfflineGenerator", "finalize", "modify"]


def modify(previous_workflow: dict, text: str, spec: object) -> dict:
    """Apply a modification request to ``previous_workflow`` (see ``engine.offline.modify``)."""
    from engine.offline.modify import modify as _modify

    return _modify(previous_workflow, text, spec)  # type: ignore[arg-type]
