CREATE TABLE outbox (
    position     bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    event_type   text        NOT NULL,
    routing_key  text        NOT NULL,
    subject      text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    bulk         boolean     NOT NULL DEFAULT false
-- Half of each page is left free when rows are written, so the relay's published mark, an UPDATE, finds room for the
-- row's new version on the row's own page: PostgreSQL then logs only the bytes that changed, not the whole row again.
) WITH (fillfactor = 50);
CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
-- Bulk rows (Outbox.addBulk) may wait behind live ones while live traffic is strained (OutboxRelay, BulkPacing).
CREATE INDEX outbox_unpublished_live ON outbox (position) WHERE published_at IS NULL AND NOT bulk;
CREATE INDEX outbox_unpublished_bulk ON outbox (subject, position) WHERE published_at IS NULL AND bulk;
