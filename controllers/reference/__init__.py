"""Floor 2: reference data: streets, estates, companies, staff, categories, regulations, departments, the calendar."""
