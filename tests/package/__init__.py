"""The installable package: built, unpacked and run as on a clerk's machine."""
