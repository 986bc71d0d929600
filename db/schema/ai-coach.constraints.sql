-- The AI coach's retrieval falls back to trigram similarity over the accent-folded search document when full-text search finds nothing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
