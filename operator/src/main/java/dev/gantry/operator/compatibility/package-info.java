/**
 * API compatibility: what a revision's OpenAPI document and event schemas change against the stable
 * revision's, and whom each change breaks. Pure functions of document texts and declared uses.
 */
package dev.gantry.operator.compatibility;
