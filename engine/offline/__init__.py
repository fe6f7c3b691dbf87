"""The offline generation path: spec -> workflow without network or keys, and offline edits.

Modules, one job each:

* ``generator`` - ``OfflineGenerator.generate(spec, context, previous)``: nodes, parameters,
  credentials placeholders, wiring (IF/Switch/Text Classifier outputs, Merge inputs, loops, every
  ``ai_*`` sub-node connection), then ``finalize``: strict validation, targeted filling, repair,
  pruning, and a minimal fallback - it never returns an invalid workflow.
* ``modify`` - add / replace / remove nodes of a previous workflow from a change request.
* ``operations`` - resource/operation choice from the catalog's actions and the request's verbs,
  with mined pattern support as a prior.
* ``params`` - required parameters completed from the catalog (placeholders that satisfy each
  parameter's own validation); ``typical`` - usual options from mined patterns; ``nodes`` - the
  hand-shaped parameters (schedule rules, filters, forms, AI roots); ``assemble`` - names, ids,
  connections and layout.
"""

from engine.offline.generator import OfflineGenerator, finalize

__all__ = ["OfflineGenerator", "finalize", "modify"]


def modify(previous_workflow: dict, text: str, spec: object = None) -> dict:
    """Apply a modification request to ``previous_workflow`` (see ``engine.offline.modify``)."""
    from engine.offline.modify import modify as _modify

    return _modify(previous_workflow, text, spec)  # type: ignore[arg-type]
