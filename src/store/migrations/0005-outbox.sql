-- Version 5: the outbox keeps what a crash-safe publisher needs. Every
-- publication has an idempotency key made when it is queued and given to
-- every attempt; a waiting one may say when it is tried next; a request that
-- is out is marked in flight, and the mark left by a crash tells the outbox
-- that the outcome is unknown. Publications queued before keep a fresh key.

ALTER TABLE publications ADD COLUMN idempotency_key TEXT;
ALTER TABLE publications ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE publications ADD COLUMN in_flight_since INTEGER;
UPDATE publications SET idempotency_key = lower (hex (randomblob (16)));
