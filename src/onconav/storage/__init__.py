"""Persistence: database, encryption at rest, background jobs."""
