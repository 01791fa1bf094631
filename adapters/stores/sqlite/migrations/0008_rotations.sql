-- Version 8: named rotations (the agents of a support team taking turns), one counter each.
CREATE TABLE rotations (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
