"""render: a finished Comparison -> terminal text (text), the JSON contract (json), HTML (html).

Renderers only read a Comparison; they never reach back into the stages.
"""
