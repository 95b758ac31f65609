-- Room on each page for the relay's published mark, so that only the bytes it changes are logged (the messaging
-- library's outbox.sql says how). Pages written before this keep their fill.
ALTER TABLE outbox SET (fillfactor = 50);
