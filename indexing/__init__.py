"""Knowledge the engine grounds generation in: catalog, templates, patterns, tips, search."""
