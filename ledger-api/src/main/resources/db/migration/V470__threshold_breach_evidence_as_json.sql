-- The breaches' evidence as json, not jsonb (issue 11, LA reads at 20,000 pupils). The LA penalty queue reads several
-- thousand breaches per request and never queries inside their evidence; PostgreSQL turned every jsonb value back into
-- text on the way out, about 55 of the queue's 150 ms in the database on a held full-size bench run (psql, the queue's
-- query with and without the column). json keeps the text as the projection wrote it and still checks it is JSON.
ALTER TABLE projection_threshold_breach ALTER COLUMN sessions TYPE json USING sessions::json;
