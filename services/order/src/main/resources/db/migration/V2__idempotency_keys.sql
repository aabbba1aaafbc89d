-- A client's Idempotency-Key on POST /orders, kept with the order it created so a retry answers
-- with that order instead of placing a second one. Keys are the member's (no two members share one).
CREATE TABLE idempotency_keys (
    member_id        VARCHAR(36)  NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    order_id         VARCHAR(36)  NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (member_id, idempotency_key)
);
