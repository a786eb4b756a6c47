"""Floor 2: where the data lives: opening a data directory or a server, connection and server settings, integrity
checks, the data directory's lock, attachments, logging.
"""
