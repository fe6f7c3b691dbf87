"""The NodePilot engine: workflow validation and repair, generation, and the pipeline."""
