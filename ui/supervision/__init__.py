"""督查督办: candidates, 督办单 and (later) 年度考核 (issue 20)."""
