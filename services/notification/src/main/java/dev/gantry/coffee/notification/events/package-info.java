/** The notification service's events: it consumes order-status. */
package dev.gantry.coffee.notification.events;
