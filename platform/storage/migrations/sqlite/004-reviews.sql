-- R-PUB-1, R-INC-1: a person's decision on a validated result held for review (C1, C6 incidents). One decision a
-- result, never changed: `published` sets the result's published_at (look-up finds it), `rejected` keeps it hidden.
CREATE TABLE result_reviews (
  verification_code TEXT PRIMARY KEY REFERENCES candidate_results (verification_code),
  decision TEXT NOT NULL CHECK (decision IN ('published', 'rejected')),
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL CHECK (length(decided_by) > 0),
  note TEXT NOT NULL
) STRICT;
