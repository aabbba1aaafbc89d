/** The notification service: order status updates per member, stored and streamed. */
package dev.gantry.coffee.notification;
