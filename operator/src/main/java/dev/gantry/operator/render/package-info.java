/**
 * Desired Kubernetes objects, built by pure functions of a Microservice, the platform's settings
 * and the rollout's decisions. No I/O here: everything is unit tested without a cluster.
 */
package dev.gantry.operator.render;
