"""Evaluation: benchmark datasets (format, loader, checker), metrics, runs, comparisons, gate.

Import the submodules directly (``eval.datasets``, ``eval.runner``, ``eval.metrics``); this
package stays empty so that importing it costs nothing. See eval/README.md.
"""
