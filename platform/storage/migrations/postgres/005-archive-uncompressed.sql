-- A bundle's archive is a .zip, already deflated: PostgreSQL's TOAST compression (pglz) of each 0.5 MB archive
-- gained nothing and cost more than every check of the bundle (bench:platform, docs/benchmarks.md). EXTERNAL: kept
-- out of line, not compressed again. Applies to rows written from now on; the bytes are the same.
ALTER TABLE bundles ALTER COLUMN archive SET STORAGE EXTERNAL;
