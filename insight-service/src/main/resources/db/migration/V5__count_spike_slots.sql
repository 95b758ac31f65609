-- Per signature, the cases opened in each slot of W/60 (1 s when the window W is not whole minutes), kept as cases are
-- applied: a spike window is the sum of its slots and one (61 rows for whole minutes) and a baseline bucket the sum of
-- its slots, not a count of cases, so they cost the same at any rate. Slots are kept from the bucket before the
-- previous one (SpikeDetector).
CREATE TABLE spike_slots (
    signature text   NOT NULL,
    slot      bigint NOT NULL, -- floor(epoch seconds / slot width)
    cases     bigint NOT NULL,
    PRIMARY KEY (signature, slot)
);

-- Counted from the cases already applied, so an upgrade keeps the current window; the same statement as
-- SpikeDetector.recount, with W the configured amends.insight.spikes.window (placeholder spike-window).
WITH width AS (
    SELECT w AS window_seconds, CASE WHEN w % 60 = 0 THEN w / 60 ELSE 1 END AS slot_seconds
    FROM (SELECT floor(EXTRACT(EPOCH FROM INTERVAL '${spike-window}'))::bigint AS w) AS configured
)
INSERT INTO spike_slots (signature, slot, cases)
SELECT b.signature, floor(EXTRACT(EPOCH FROM c.opened_at) / width.slot_seconds)::bigint, count(*)
FROM width, spike_baselines b
JOIN problems p ON p.signature = b.signature
JOIN cases c ON c.product = p.product AND c.error_kind = p.error_kind
WHERE c.opened_at >= to_timestamp((b.last_bucket - 2) * width.window_seconds)
GROUP BY 1, 2;
