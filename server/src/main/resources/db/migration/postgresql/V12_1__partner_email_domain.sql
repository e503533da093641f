-- The domain of a normalised address, for linking mail from an unknown address to its company
-- (mail/CompanyByDomain uses exactly this expression). H2, the development default, scans instead.
CREATE INDEX partner_email_domain ON partner_email (SUBSTRING(address FROM POSITION('@' IN address) + 1));
