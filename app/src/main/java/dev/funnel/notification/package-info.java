/** In-app notifications: what happened that a user should know, worded in their language when shown. */
package dev.funnel.notification;
