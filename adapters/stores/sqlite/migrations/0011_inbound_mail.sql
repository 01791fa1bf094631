-- Version 11: support e-mail. Every Message-ID received or sent with its case (threading replies,
-- refusing redeliveries), the addresses whose mail bounced, and attachment bytes kept in the store.
CREATE TABLE case_mail_ids (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version > 0),
    body    TEXT NOT NULL,
    case_id TEXT
);
CREATE INDEX case_mail_ids_case ON case_mail_ids (case_id);

CREATE TABLE bounced_addresses (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version > 0),
    body    TEXT NOT NULL
);

CREATE TABLE case_attachments (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version > 0),
    body    TEXT NOT NULL
);
