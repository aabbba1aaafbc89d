/** The member service's HTTP API. */
package dev.gantry.coffee.member.api;
