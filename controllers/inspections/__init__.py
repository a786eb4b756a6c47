"""Inspections and patrols (issue 19): the plan grades ask for, patrol records, findings that become work."""
