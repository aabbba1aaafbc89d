/**
 * Signing in: passwords, the tokens member issues, the keys that verify them, the staff account.
 */
package dev.gantry.coffee.member.security;
