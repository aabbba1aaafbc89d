/** The dashboard: its page models as tables, and the pages in a real browser on a real cluster. */
package dev.gantry.operator.dashboard;
