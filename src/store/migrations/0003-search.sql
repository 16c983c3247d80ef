-- Version 3: full-text search over every incident title and everything sent.
--
-- A document's id is its time (seconds << 20, i.e. * 1048576) plus a counter
-- within the second, so the index hands out documents newest first without
-- sorting, and a date range is a range of ids it can seek to. The FTS table
-- reads its text through the search_content view; triggers keep it in step.
--
-- The next free id in the second "at" is written out in full where it is
-- needed, as:
--   COALESCE ((SELECT max (id) + 1 FROM search_docs
--              WHERE id BETWEEN at * 1048576 AND at * 1048576 + 1048575),
--             at * 1048576)

CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  incident_num INTEGER NOT NULL REFERENCES incidents (num) ON DELETE CASCADE,
  rendition_id INTEGER UNIQUE REFERENCES renditions (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  audience TEXT,
  channel TEXT,
  language TEXT
);

CREATE INDEX search_docs_by_incident ON search_docs (incident_num);

-- An incident's document carries its title; a rendition's its subject and body.
CREATE VIEW search_content AS
  SELECT d.id AS id, d.incident_num AS incident_num, d.rendition_id AS rendition_id,
         CASE WHEN d.rendition_id IS NULL THEN i.title ELSE '' END AS title,
         COALESCE (r.subject, '') AS subject, COALESCE (r.body, '') AS body
  FROM search_docs d JOIN incidents i ON i.num = d.incident_num
       LEFT JOIN renditions r ON r.id = d.rendition_id;

CREATE VIRTUAL TABLE history_fts USING fts5 (title, subject, body,
  content = 'search_content', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE VIRTUAL TABLE history_vocab USING fts5vocab (history_fts, 'row');

CREATE TRIGGER incidents_search_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO search_docs (id, incident_num, at, language)
    VALUES (COALESCE ((SELECT max (id) + 1 FROM search_docs
                       WHERE id BETWEEN new.listed_at * 1048576
                                    AND new.listed_at * 1048576 + 1048575),
                      new.listed_at * 1048576),
            new.num, new.listed_at, new.language);
  INSERT INTO history_fts (rowid, title, subject, body)
    VALUES (last_insert_rowid (), new.title, '', '');
END;

CREATE TRIGGER incidents_search_update AFTER UPDATE OF title, listed_at, language ON incidents
  WHEN old.title IS NOT new.title OR old.listed_at IS NOT new.listed_at
    OR old.language IS NOT new.language BEGIN
  INSERT INTO history_fts (history_fts, rowid, title, subject, body)
    SELECT 'delete', id, old.title, '', '' FROM search_docs
    WHERE incident_num = old.num AND rendition_id IS NULL;
  DELETE FROM search_docs WHERE incident_num = old.num AND rendition_id IS NULL;
  INSERT INTO search_docs (id, incident_num, at, language)
    VALUES (COALESCE ((SELECT max (id) + 1 FROM search_docs
                       WHERE id BETWEEN new.listed_at * 1048576
                                    AND new.listed_at * 1048576 + 1048575),
                      new.listed_at * 1048576),
            new.num, new.listed_at, new.language);
  INSERT INTO history_fts (rowid, title, subject, body)
    VALUES (last_insert_rowid (), new.title, '', '');
END;

CREATE TRIGGER incidents_search_delete BEFORE DELETE ON incidents BEGIN
  INSERT INTO history_fts (history_fts, rowid, title, subject, body)
    SELECT 'delete', id, title, subject, body FROM search_content
    WHERE incident_num = old.num;
  DELETE FROM search_docs WHERE incident_num = old.num;
END;

CREATE TRIGGER renditions_search_insert AFTER INSERT ON renditions BEGIN
  INSERT INTO search_docs (id, incident_num, rendition_id, at, audience, channel, language)
    SELECT COALESCE ((SELECT max (id) + 1 FROM search_docs
                      WHERE id BETWEEN u.sent_at * 1048576
                                   AND u.sent_at * 1048576 + 1048575),
                     u.sent_at * 1048576),
           u.incident_num, new.id, u.sent_at, new.audience,
           new.channel, new.language
    FROM updates u WHERE u.num = new.update_num;
  INSERT INTO history_fts (rowid, title, subject, body)
    VALUES (last_insert_rowid (), '', COALESCE (new.subject, ''), new.body);
END;

CREATE TRIGGER renditions_search_update AFTER UPDATE OF subject, body ON renditions BEGIN
  INSERT INTO history_fts (history_fts, rowid, title, subject, body)
    SELECT 'delete', id, '', COALESCE (old.subject, ''), old.body FROM search_docs
    WHERE rendition_id = old.id;
  INSERT INTO history_fts (rowid, title, subject, body)
    SELECT id, '', COALESCE (new.subject, ''), new.body FROM search_docs
    WHERE rendition_id = new.id;
END;

CREATE TRIGGER renditions_search_delete BEFORE DELETE ON renditions BEGIN
  INSERT INTO history_fts (history_fts, rowid, title, subject, body)
    SELECT 'delete', id, title, subject, body FROM search_content
    WHERE rendition_id = old.id;
  DELETE FROM search_docs WHERE rendition_id = old.id;
END;

-- What versions 1 and 2 recorded, numbered by time.
INSERT INTO search_docs (id, incident_num, rendition_id, at, audience, channel, language)
  SELECT at * 1048576 + row_number () OVER (PARTITION BY at ORDER BY tie, rendition_id) - 1,
         incident_num, rendition_id, at, audience, channel, language
  FROM (
    SELECT num AS incident_num, NULL AS rendition_id, listed_at AS at, NULL AS audience,
           NULL AS channel, language, 0 AS tie
    FROM incidents
    UNION ALL
    SELECT u.incident_num, r.id, u.sent_at, r.audience, r.channel, r.language, 1
    FROM renditions r JOIN updates u ON u.num = r.update_num
  );

INSERT INTO history_fts (history_fts) VALUES ('rebuild');
