/** {@code kubectl gantry}: the release manager's command line, a kubectl plugin. */
package dev.gantry.operator.cli;
