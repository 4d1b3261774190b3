-- Imaging demand forecasts as they were made (diagnostics): one row per warehouse as-of date,
-- viewer's scope and list (trust × modality), holding the weekly forecast — mean and the 80% and
-- 95% prediction intervals — so that later builds can score the forecasts against what happened.
-- A forecast is kept once: the first made for an as-of date and scope stands.
CREATE TABLE IF NOT EXISTS imaging_forecasts (
  as_of date NOT NULL,
  scope text NOT NULL,
  trust text NOT NULL,
  modality text NOT NULL,
  forecast jsonb NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (as_of, scope, trust, modality)
);
