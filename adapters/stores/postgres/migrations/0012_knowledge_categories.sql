-- Version 12: the knowledge base's category tree, stored as one document so that every change
-- (add, move, remove) is checked against the whole tree and saved at once.
CREATE TABLE knowledge_category_trees (
    id      TEXT PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version > 0),
    body    JSONB NOT NULL
);
