-- R-PUB-1, R-INC-1: a person's decision on a validated result held for review (C1, C6 incidents). One decision a
-- result, never changed: `published` sets the result's published_at (look-up finds it), `rejected` keeps it hidden.
CREATE TABLE result_reviews (
  verification_code text PRIMARY KEY REFERENCES candidate_results (verification_code),
  decision text NOT NULL CHECK (decision IN ('published', 'rejected')),
  decided_at timestamptz NOT NULL,
  decided_by text NOT NULL CHECK (length(decided_by) > 0),
  note text NOT NULL
);
