/**
 * The Kafka access a service gets, derived from its admitted spec: its user, its ACLs and the forms
 * they are handed on in (readable lines, kafka-acls.sh arguments, Strimzi's ACL rules). Pure
 * functions, no I/O.
 */
package dev.gantry.operator.kafka;
