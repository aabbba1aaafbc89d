/** Members as stored in the member service's own database. */
package dev.gantry.coffee.member.persistence;
