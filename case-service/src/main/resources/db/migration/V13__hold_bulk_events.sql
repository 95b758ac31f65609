-- Bulk rows (Outbox.addBulk: an incident's import) may wait behind live ones while live traffic is strained
-- (OutboxRelay, BulkPacing); the relay then reads live rows in order and checks each subject for an earlier bulk row.
ALTER TABLE outbox ADD COLUMN bulk boolean NOT NULL DEFAULT false;
CREATE INDEX outbox_unpublished_live ON outbox (position) WHERE published_at IS NULL AND NOT bulk;
CREATE INDEX outbox_unpublished_bulk ON outbox (subject, position) WHERE published_at IS NULL AND bulk;
