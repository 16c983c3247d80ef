-- Version 1: the history itself and the drafts.
--
-- Every version's SQL is never edited once released: a database at version
-- N is brought forward by running the files after N in turn. Times are whole
-- seconds since the epoch, UTC; enums are stored by their nicks.

CREATE TABLE incidents (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  services TEXT NOT NULL DEFAULT '[]',
  severity TEXT NOT NULL,
  state TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  started_at INTEGER,
  detected_at INTEGER,
  resolved_at INTEGER,
  listed_at INTEGER NOT NULL,
  saved_at INTEGER NOT NULL
);

CREATE INDEX incidents_newest ON incidents (listed_at DESC, num DESC);

CREATE TABLE updates (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  incident_num INTEGER NOT NULL REFERENCES incidents (num) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  fields TEXT NOT NULL,
  next_update_at INTEGER,
  next_update_when_changed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL
);

CREATE INDEX updates_by_incident ON updates (incident_num, sent_at);

-- Every rendition exactly as it was sent, byte for byte.
CREATE TABLE renditions (
  id INTEGER PRIMARY KEY,
  update_num INTEGER NOT NULL REFERENCES updates (num) ON DELETE CASCADE,
  audience TEXT NOT NULL,
  channel TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  html TEXT,
  json TEXT,
  mime BLOB,
  message_id TEXT,
  UNIQUE (update_num, audience, channel)
);

-- The outbox: a publication is written before it is sent and updated after.
CREATE TABLE publications (
  id INTEGER PRIMARY KEY,
  rendition_id INTEGER NOT NULL REFERENCES renditions (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'failed', 'verify')),
  remote_id TEXT,
  remote_url TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (rendition_id, channel_id)
);

CREATE INDEX publications_pending ON publications (state) WHERE state <> 'sent';

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  incident_id TEXT,
  json TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);
