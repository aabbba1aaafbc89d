/** The barista's HTTP API: stock levels and restocking. */
package dev.gantry.coffee.barista.api;
