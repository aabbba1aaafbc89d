/** Stock and brews, in the barista's own database. */
package dev.gantry.coffee.barista.persistence;
