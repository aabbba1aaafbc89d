/** The custom resources users write: {@code Microservice} and its spec and status types. */
package dev.gantry.operator.api;
