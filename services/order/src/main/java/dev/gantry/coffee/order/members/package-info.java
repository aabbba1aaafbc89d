/** The order service's client of the member service: timeouts, retries and a circuit breaker. */
package dev.gantry.coffee.order.members;
