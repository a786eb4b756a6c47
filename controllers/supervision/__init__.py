"""督查督办: candidates for a 督办单 and early warnings (苗头), read from cases, complaints, referrals and meeting
actions (issue 20). Floor 7, beside the dashboard."""
