-- Members sign in with their email and a password; staff are members with the STAFF role.
-- Members registered before this migration have no password and cannot sign in until one is set.
ALTER TABLE members ADD COLUMN password_hash VARCHAR(200);
ALTER TABLE members ADD COLUMN role VARCHAR(16) NOT NULL DEFAULT 'MEMBER';
