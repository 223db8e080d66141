"""Data files: ``{"townhalls": [{…}], "webinars/{id}/registrations": [{…}]}`` read and loaded into a mock.

One job: the file format and its one-line errors (``DataError`` names the file, the entity and the
property). Each entity goes in through ``adding.add``; this module is apart from it because only the
``data`` setting (at start and on every reset) and ``MockGraphServer.load`` read files, and ``add`` does not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mockgraph.adding import add
from mockgraph.errors import GraphError


class DataError(ValueError):
    """A data file mockgraph cannot load: one message naming the file, the entity and the property."""


def read_data(path: str | Path) -> dict[str, list]:
    """Read a data file: ``{"townhalls": [{…}, …], "webinars/{id}/registrations": [{…}]}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"cannot read the data file {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise DataError(f"the data file {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise DataError(f"the data file {path} must be a JSON object of collection paths to lists of entities, "
                        'like {"townhalls": [{"displayName": "All hands"}]}.')
    return data


def load_data(state: Any, path: str | Path) -> int:
    """Add every entity of the data file ``path`` to the mock; returns how many top-level entities it added.

    The first bad entity stops the load with a DataError naming it (``townhalls[1] (id 'x')``) and its property.
    """
    data = read_data(path)
    count = 0
    for collection, items in data.items():
        for i, item in enumerate(items):
            where = f"{collection}[{i}]"
            ident = item.get("id") if isinstance(item, dict) else None
            try:
                add(state, collection, item, where=where)
            except GraphError as exc:
                named = f" (id '{ident}')" if ident else ""
                rest = exc.message[len(where):] if exc.message.startswith(where) else f": {exc.message}"
                raise DataError(f"the data file {path}: {where}{named}{rest}") from None
            count += 1
    return count
