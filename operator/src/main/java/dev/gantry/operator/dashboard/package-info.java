/**
 * {@code kubectl gantry dashboard}: a live web view of releases that sees and acts with the user's
 * own rights. Page models are pure functions of the cluster's objects; the server gathers them as
 * the user and renders them with templates.
 */
package dev.gantry.operator.dashboard;
