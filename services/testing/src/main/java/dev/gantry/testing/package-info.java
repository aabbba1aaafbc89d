/**
 * Real servers on loopback for service tests and the local run: Kafka (KRaft), etcd, service
 * processes.
 */
package dev.gantry.testing;
