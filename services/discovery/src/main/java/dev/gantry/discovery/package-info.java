/**
 * Service discovery for Gantry services: which address a call goes to, mesh first, etcd registry
 * outside it, DNS as fallback.
 */
package dev.gantry.discovery;
