/** The order service's HTTP API. */
package dev.gantry.coffee.order.api;
