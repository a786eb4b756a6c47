"""The 设置 page and its sections: station, area, brief font, database server, exchange packages, backups."""
