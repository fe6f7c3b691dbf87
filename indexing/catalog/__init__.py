"""n8n's node catalog: node types, versions, parameters, ports (see /work/coord/catalog-api.md)."""
