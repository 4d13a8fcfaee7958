"""The platform's method: one module per step, the registry that orders them, its judgement.

Step modules may read the answers of the steps before them (the fiche reads the cadrage);
`registry` is the only module that knows every step.
"""
