/**
 * Tests of the Helm charts, the Istio baseline and the images, with real helm on a real control
 * plane.
 */
package dev.gantry.operator.charts;
