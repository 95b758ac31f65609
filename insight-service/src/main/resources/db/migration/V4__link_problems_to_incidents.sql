-- The incident a case was opened for or acknowledged with (case.opened / case.acknowledged carry incidentId): a
-- problem is linked to the incidents of its cases, so the problem an incident caused is the one watched for
-- recurrence after its fix. Kept on the case row, not on the problem, so arrival order and a rebuild do not matter.
ALTER TABLE cases ADD COLUMN incident_id uuid;
CREATE INDEX cases_by_problem_incident ON cases (problem_id, incident_id) WHERE incident_id IS NOT NULL;
