-- Proposals, votes and the audit log (amendments and history).
SELECT 1;
