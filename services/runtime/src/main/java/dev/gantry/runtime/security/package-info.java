/** Who calls: the roles a token carries and who may act on a member's data. */
package dev.gantry.runtime.security;
