"""The accept checks of the contracts' views, generated ahead by ``python scripts/make_checks.py``.

One module per view (``virtualEvent_create``: ``contracts/virtualEvent.schema.json#/$defs/create``), written by
mockgraph/accept.py's ``generate`` and imported by its ``compile_accepts`` when its ``DIGEST`` says it was made
from the contract in use. Do not edit them: run the script after changing a contract.
"""
