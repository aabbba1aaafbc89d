/** The operator's own configuration, read from its environment. */
package dev.gantry.operator.config;
