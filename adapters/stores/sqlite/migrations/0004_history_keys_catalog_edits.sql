-- Version 4: every revision of the back-office settings is kept (what changed when, and a way back),
-- gift cards remember the key they were issued under (issuing twice with one key issues one card).

CREATE TABLE settings_revisions (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version > 0),
    body        TEXT NOT NULL,
    settings_id TEXT NOT NULL
);
CREATE INDEX settings_revisions_settings_id ON settings_revisions (settings_id);

ALTER TABLE gift_cards ADD COLUMN issue_key TEXT;
CREATE UNIQUE INDEX gift_cards_issue_key ON gift_cards (issue_key);

-- A catalog version is a whole snapshot or one product edit on top of the version before it.
ALTER TABLE catalog_snapshots ADD COLUMN is_edit BOOLEAN NOT NULL DEFAULT FALSE;
