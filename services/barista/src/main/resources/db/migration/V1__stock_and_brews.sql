CREATE TABLE stock (
    ingredient  VARCHAR(40) PRIMARY KEY,
    quantity    INT         NOT NULL CHECK (quantity >= 0)
);

CREATE TABLE brews (
    order_id    VARCHAR(36) PRIMARY KEY,
    member_id   VARCHAR(36) NOT NULL,
    item        VARCHAR(40) NOT NULL,
    quantity    INT         NOT NULL,
    ready       BOOLEAN     NOT NULL,
    ready_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    traceparent VARCHAR(55)
);
CREATE INDEX brews_due ON brews (ready, ready_at);
