-- Version 7: one incident, several languages. An incident keeps the
-- languages besides its primary one (a JSON array of tags, as the draft
-- format writes incident.other-languages); an update keeps its translations
-- (a JSON object, as the draft format writes update.translations: per
-- language, per field, the text and the primary text it was written
-- against) and the title in those languages (a JSON object, as the draft
-- format writes incident.title-translations). What earlier versions recorded is in one language: none, and
-- no translations. Each rendition already says its language.

ALTER TABLE incidents ADD COLUMN other_languages TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid (other_languages));
ALTER TABLE updates ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid (translations));
ALTER TABLE incidents ADD COLUMN title_translations TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid (title_translations));
