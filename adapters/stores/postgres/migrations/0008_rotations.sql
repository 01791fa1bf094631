-- Version 8 (PostgreSQL): named rotations (the agents of a support team taking turns), one counter each.
CREATE TABLE rotations (
    name TEXT PRIMARY KEY,
    last BIGINT NOT NULL
);
