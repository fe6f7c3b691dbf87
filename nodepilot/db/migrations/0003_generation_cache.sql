-- Generation results cached by what determines them: prompt set hash, provider, model, the
-- normalised request, the retrieved context ids and the previous workflow (for modifications).
-- A repeated request skips the provider call entirely; eval runs re-use provider answers.
CREATE TABLE generation_cache (
    cache_key     text PRIMARY KEY,
    provider      text NOT NULL,
    model         text NOT NULL,
    prompt_hash   text NOT NULL,
    request_norm  text NOT NULL,
    context_ids   text[] NOT NULL DEFAULT '{}',
    result        jsonb NOT NULL,
    hits          integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_hit_at   timestamptz
);
CREATE INDEX generation_cache_created_idx ON generation_cache (created_at);
GRANT SELECT, INSERT, UPDATE ON generation_cache TO nodepilot_app;
