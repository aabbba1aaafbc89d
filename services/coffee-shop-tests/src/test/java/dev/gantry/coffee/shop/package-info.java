/**
 * System tests: the four coffee-shop services as processes, with a real Kafka broker and a real
 * etcd.
 */
package dev.gantry.coffee.shop;
