-- The import claims each affected customer for the incident and names the customer's new case in one statement,
-- before the case row is written later in the same transaction: the reference to the case is checked at commit.
-- (Before, every claim was written twice: inserted, then updated with its case.)
ALTER TABLE incident_customers ALTER CONSTRAINT incident_customers_case_id_fkey DEFERRABLE INITIALLY DEFERRED;
