"""Tracking for secretaries: counters, queries, reports."""
