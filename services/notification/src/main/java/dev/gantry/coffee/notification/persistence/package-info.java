/** Notifications as stored, so a reconnecting client can catch up. */
package dev.gantry.coffee.notification.persistence;
