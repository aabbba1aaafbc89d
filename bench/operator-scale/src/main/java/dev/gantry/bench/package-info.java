/** Benchmark of the operator at scale against a plain client creating the same objects. */
package dev.gantry.bench;
