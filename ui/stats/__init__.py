"""The statistics and briefs page (统计简报): choose a case or a period and scope, preview, print, save."""
