"""The application's frame: QApplication set-up, the main window, its page registry and the view switcher."""
