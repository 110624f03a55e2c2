-- Extensions the product relies on, loaded the same way on PGlite and on a PostgreSQL server:
-- pgcrypto (digests and random bytes in SQL), btree_gist (exclusion constraints that mix equality and
-- time ranges: no double booking), citext (case-insensitive e-mails), pg_trgm (fuzzy name search),
-- unaccent (accent-insensitive search: "Conceição" finds "conceicao").
CREATE EXTENSION IF NOT EXISTS pgcrypto;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS citext;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
