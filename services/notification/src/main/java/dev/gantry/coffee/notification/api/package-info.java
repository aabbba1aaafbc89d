/** The notification service's HTTP API: a member's updates as server-sent events. */
package dev.gantry.coffee.notification.api;
