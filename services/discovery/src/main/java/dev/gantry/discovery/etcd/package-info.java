/**
 * The etcd side of discovery: this instance's leased registration and the watched cache of
 * everyone's.
 */
package dev.gantry.discovery.etcd;
