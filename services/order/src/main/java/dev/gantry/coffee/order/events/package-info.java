/** The order service's events: what it publishes (order-placed) and consumes (order-status). */
package dev.gantry.coffee.order.events;
