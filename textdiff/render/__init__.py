"""render: a finished Comparison -> terminal text, JSON (and, later, HTML).

Renderers only read a Comparison; they never reach back into the stages.
"""
