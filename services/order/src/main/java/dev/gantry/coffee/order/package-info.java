/** The order service: orders, their lifecycle, and the saga's compensation. */
package dev.gantry.coffee.order;
