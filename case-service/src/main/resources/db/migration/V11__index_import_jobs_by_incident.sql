-- An incident's imports, newest first (GET /api/incidents/{id}/jobs, the portal's incident page).
CREATE INDEX import_jobs_by_incident ON import_jobs (incident_id, created_at DESC);
