"""The offline generation path: spec -> workflow without network or keys, and offline edits.

Modules, one job each:

* ``generator`` - ``generate_workflow(spec, context)`` (``OfflineGenerator.generate``, in
  ``engine.providers.offline``, dispatches to it or to ``modify``): nodes, parameters,
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

This file imports nothing: importing any ``engine.offline`` module runs it first, and a light
module (``operations``, read by ``engine.spec``) must not pull the generator in with it. Import
each name from the module that defines it.
"""
