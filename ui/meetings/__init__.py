"""会商 (meetings): the list of meetings, their edit dialog and the open action items."""
