-- 0008: reserved for another branch's migration, so that 0009 loads here (versions run 1..n).
-- The merge replaces this file with that branch's own 0008.
SELECT 1;
