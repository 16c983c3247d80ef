-- Version 2: the SLA flag on incidents; what the preferences keep.

ALTER TABLE incidents ADD COLUMN sla_relevant INTEGER NOT NULL DEFAULT 0;

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL CHECK (json_valid (json)),
  saved_at INTEGER NOT NULL
);

CREATE TABLE audiences (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL CHECK (json_valid (json)),
  saved_at INTEGER NOT NULL
);

-- Never a secret: those live in the keyring (the store refuses them).
CREATE TABLE channel_settings (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL CHECK (json_valid (json)),
  saved_at INTEGER NOT NULL
);

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL CHECK (json_valid (json)),
  saved_at INTEGER NOT NULL
);

CREATE INDEX drafts_newest ON drafts (saved_at DESC);
