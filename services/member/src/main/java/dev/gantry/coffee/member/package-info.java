/** The member service: members and their status. */
package dev.gantry.coffee.member;
