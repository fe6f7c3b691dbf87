"""The offline generation path: spec -> workflow without network or keys, and offline edits.

Modules, one job each:

* ``generator`` - ``generate_workflow(spec, context)`` (``OfflineGenerator.generate`` here
  dispatches to it or to ``modify``): nodes, parameters,
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

from typing import Any

from engine.types import ContextItem, Spec

#: ``modify`` and ``finalize`` are not re-exported: the package attribute ``modify`` would
#: be replaced by the submodule of that name as soon as it is imported.
__all__ = ["OfflineGenerator"]


class OfflineGenerator:
    """Builds workflows from specs; one instance can serve any number of requests.

    It lives here, above ``generator`` and ``modify``, so neither has to import the other to
    choose between building and modifying. Both load on first use: ``engine.spec`` reads
    ``engine.offline.operations`` and must not load the generator with it.
    """

    name = "offline"

    def generate(
        self,
        spec: Spec,
        context: list[ContextItem] | tuple[ContextItem, ...] = (),
        previous: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The workflow for ``spec``; with ``previous``, the modification of that workflow."""
        from engine.offline.generator import generate_workflow
        from engine.offline.modify import modify as modify_workflow

        if previous is not None:
            return modify_workflow(previous, spec.request, spec)
        return generate_workflow(spec, context)
