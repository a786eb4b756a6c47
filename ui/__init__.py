"""The Qt desktop interface: main window, pages, dialogs; calls controllers, never the database directly."""
