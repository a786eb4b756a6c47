"""Developer tools that are not part of the app (the translation updater); not installed with it."""
