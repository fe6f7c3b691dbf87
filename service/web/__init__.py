"""The chat page: one server-rendered HTML shell plus small hand-written scripts and styles."""
