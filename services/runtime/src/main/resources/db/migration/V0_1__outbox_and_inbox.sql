-- Shared by every service that publishes or consumes events (runs before the service's own V1).
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(36)  NOT NULL UNIQUE,
    topic        VARCHAR(200) NOT NULL,
    message_key  VARCHAR(200) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    traceparent  VARCHAR(55),
    tracestate   VARCHAR(512),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE processed_events (
    id           VARCHAR(300) PRIMARY KEY,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
