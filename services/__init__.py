"""Use cases: each takes the acting user and a session, checks permission, writes, audits."""
