/** The barista's events: it consumes order-placed and publishes order-status. */
package dev.gantry.coffee.barista.events;
