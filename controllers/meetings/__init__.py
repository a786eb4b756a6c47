"""Floor 5: meetings (会商): records, action items, links to cases and complaints, export, minutes, meeting mode."""
