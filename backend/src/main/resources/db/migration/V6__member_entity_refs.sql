-- The Backstage user entity a member is (user:default/jane), so requests made on a person's behalf by Backstage
-- (or the Slack bot) resolve to the member and their teams.
ALTER TABLE members ADD COLUMN entity_ref VARCHAR(254) NULL;
CREATE UNIQUE INDEX uq_members_entity_ref ON members (entity_ref);
