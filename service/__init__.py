"""NodePilot as a service: the HTTP API, auth, credits, billing, deploy and the web page.

The top layer, beside ``eval``: it imports ``engine``, ``indexing`` and ``nodepilot``; nothing
below imports it. It holds no generation logic: a chat message is "load the conversation, run
the pipeline, store the result, charge the credit".
"""
