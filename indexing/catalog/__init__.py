"""n8n 2.41's node catalog in pure Python: node types, versions, parameters and ports.

* :mod:`indexing.catalog.load` - ``load_catalog()`` reads ``seeds/catalog/catalog.jsonl.gz``
  (built by ``scripts/distill_catalog.py`` from the npm packages n8n-nodes-base 2.41.2 and
  @n8n/n8n-nodes-langchain 2.41.1) into a :class:`~indexing.catalog.load.Catalog`: version lookup
  like n8n's editor, the run-time ``<name>Tool`` / ``<name>HitlTool`` twins, name suggestions and
  a small lexical search.
* :mod:`indexing.catalog.model` - typed, I/O-free views: ``NodeVersion``, ``Property``,
  ``Port``, ``CredentialRequirement``, ``CredentialType``.
* :mod:`indexing.catalog.params` - n8n-workflow's ``displayParameter`` / ``getNodeParameters``
  re-implemented (displayOptions with ``@version`` and ``_cnd``, defaults, hidden parameters).
* :mod:`indexing.catalog.ports` - ``node_inputs`` / ``node_outputs``, with a rule for every
  expression-driven port list in the catalog and the ``continueErrorOutput`` error output.
* :mod:`indexing.catalog.cli` - ``nodepilot catalog show|list``.

Agreement with n8n itself (measured with n8n-workflow 2.41.0 on 181k real and mutated nodes, see
``tests/test_catalog_params.py``): resolved parameters and ports identical on every node.
"""
