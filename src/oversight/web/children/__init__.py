"""Worklists, caseloads, unallocated children and the child page, within each user's scope."""
