/**
 * The coffee shop's event contract: topic names and the one definition of each event published on
 * them.
 */
package dev.gantry.coffee.contract;
