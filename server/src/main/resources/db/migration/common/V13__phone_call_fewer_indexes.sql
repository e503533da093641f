-- Every index of phone_call is written by each imported row and, as the claim and the outcome change
-- indexed columns (no HOT update), by each claim and outcome too. Two had no query of their own:
-- the team queue (claims use phone_call_next, lists filter by responsible or campaign) and the campaign
-- index, whose leading column the unique (campaign_id, fingerprint) index already serves.
DROP INDEX phone_call_team_queue;
DROP INDEX phone_call_campaign;
