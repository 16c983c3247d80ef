-- Version 6: a draft remembers the wizard step its author was on, so that
-- restoring it goes back there instead of to the first step. Drafts kept
-- before start at the first step.

ALTER TABLE drafts ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
