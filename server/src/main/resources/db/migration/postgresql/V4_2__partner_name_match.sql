-- Call-list imports match companies by name ignoring case (PartnerRepository.findCompanyByName: lower(name) = ?):
-- without this, every imported row scans the partner table. (H2, the small default, has no expression indexes.)
CREATE INDEX partner_lower_name ON partner (lower(name));
