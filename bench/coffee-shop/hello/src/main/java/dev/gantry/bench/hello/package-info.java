/** The benchmark's yardstick: a bare Micronaut endpoint. */
package dev.gantry.bench.hello;
