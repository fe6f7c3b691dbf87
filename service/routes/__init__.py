"""Thin route modules: parse the request, call the domain code, shape the response."""
