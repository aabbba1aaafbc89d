/** Orders and their status history, in the order service's own database. */
package dev.gantry.coffee.order.persistence;
