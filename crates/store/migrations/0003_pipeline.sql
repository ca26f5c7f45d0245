-- Build and release records, cases and tasks, pipeline events.
SELECT 1;
