CREATE TABLE orders (
    id          VARCHAR(36)  PRIMARY KEY,
    member_id   VARCHAR(36)  NOT NULL,
    item        VARCHAR(40)  NOT NULL,
    quantity    INT          NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    reason      VARCHAR(200),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT       NOT NULL
);
CREATE INDEX orders_member ON orders (member_id, created_at);

CREATE TABLE order_status_history (
    id        BIGSERIAL   PRIMARY KEY,
    order_id  VARCHAR(36) NOT NULL REFERENCES orders (id),
    status    VARCHAR(20) NOT NULL,
    event_id  VARCHAR(36),
    at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, id);
