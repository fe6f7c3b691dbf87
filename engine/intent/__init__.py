"""The INTENT stage: what the user's turn wants, what it names, and answers to non-workflow turns.

* ``classifier.classify`` - ``workflow_request`` / ``workflow_modification`` / ``question`` /
  ``general_conversation`` with a confidence and the entities (local model by default,
  ``classifier="llm"`` through a provider).
* ``entities.extract_entities`` - apps, trigger hints, schedule, AI vendor.
* ``answer.answer`` - a short, grounded, safe reply to a question or small talk.

Imports are light (numpy and the standard library): the embedder, the catalog and the model file
load on first use. This file imports nothing: importing any ``engine.intent`` module runs it
first, and ``engine.spec`` reads ``entities`` without needing the classifier or the answerer (which
reach the providers). Import each name from the module that defines it.
"""
