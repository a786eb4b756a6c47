"""Exchange packages between stations: the 设置 section listing conflicts waiting for a person."""
