CREATE TABLE notifications (
    id         BIGSERIAL    PRIMARY KEY,
    event_id   VARCHAR(36)  NOT NULL UNIQUE,
    member_id  VARCHAR(36)  NOT NULL,
    order_id   VARCHAR(36)  NOT NULL,
    item       VARCHAR(40),
    status     VARCHAR(20)  NOT NULL,
    reason     VARCHAR(200),
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notifications_member ON notifications (member_id, id);
