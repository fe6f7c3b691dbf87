"""Evaluation: benchmark datasets (format, loader, checker) and, later, runs, metrics and the gate.

Import the submodules directly (``eval.datasets``); this package stays empty so that importing it
costs nothing.
"""
