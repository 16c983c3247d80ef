-- Version 4: a rendition is keyed by the configured channel it went through,
-- and says the dialect it is written in. Before channels were configured each
-- format had one channel, named by the format's nick, so an existing row's
-- channel id and dialect are both what it called its channel. Renaming the
-- column carries UNIQUE (update_num, audience, channel_id) and the search
-- triggers along; search filters by dialect.

ALTER TABLE renditions RENAME COLUMN channel TO channel_id;
ALTER TABLE renditions ADD COLUMN dialect TEXT NOT NULL DEFAULT '';
UPDATE renditions SET dialect = channel_id;

ALTER TABLE search_docs RENAME COLUMN channel TO dialect;

DROP TRIGGER renditions_search_insert;
CREATE TRIGGER renditions_search_insert AFTER INSERT ON renditions BEGIN
  INSERT INTO search_docs (id, incident_num, rendition_id, at, audience, dialect, language)
    SELECT COALESCE ((SELECT max (id) + 1 FROM search_docs
                      WHERE id BETWEEN u.sent_at * 1048576
                                   AND u.sent_at * 1048576 + 1048575),
                     u.sent_at * 1048576),
           u.incident_num, new.id, u.sent_at, new.audience,
           new.dialect, new.language
    FROM updates u WHERE u.num = new.update_num;
  INSERT INTO history_fts (rowid, title, subject, body)
    VALUES (last_insert_rowid (), '', COALESCE (new.subject, ''), new.body);
END;
