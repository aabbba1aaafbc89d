/**
 * What a team may ask of the platform through a Microservice, decided by a platform engineer's
 * settings: which public hosts and gateways it may route, which Secrets its pods may read. Pure
 * functions of the spec, the namespace and the settings.
 */
package dev.gantry.operator.tenancy;
