/** The barista service: recipes, stock, and the brewing decision. */
package dev.gantry.coffee.barista;
