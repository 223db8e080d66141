"""OData query options for lists as pure functions: ``query`` parses and pages, ``filter`` compiles ``$filter``."""

from mockgraph.odata.filter import Predicate, compile_filter
from mockgraph.odata.query import Page, Query, count_only, next_link, parse_query, project_row, run_query
from mockgraph.odata.values import FieldKinds

__all__ = ["FieldKinds", "Page", "Predicate", "Query", "compile_filter", "count_only", "next_link", "parse_query",
           "project_row", "run_query"]
