/** R-PUB-1 — one result by its verification code, with its centre and bundle (the same SQL on both engines). */
export const LOOKUP_SQL = `SELECT r.*, b.centre_id, b.sha256, c.name AS centre_name
  FROM candidate_results r JOIN bundles b USING (bundle_id) JOIN centres c ON c.centre_id = b.centre_id
  WHERE r.verification_code = $1`;
