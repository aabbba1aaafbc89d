/** HTTP error bodies that name the offending fields. */
package dev.gantry.runtime.web;
