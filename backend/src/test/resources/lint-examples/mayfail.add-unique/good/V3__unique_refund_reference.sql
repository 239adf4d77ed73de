-- refunds was created by this bundle, so it has no rows that could collide
CREATE UNIQUE INDEX uk_refunds_reference ON refunds (reference);
