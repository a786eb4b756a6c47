"""The 巡查检查 page: patrol records, their entry form and findings, and inspection coverage."""
