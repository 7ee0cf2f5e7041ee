/**
 * The customer 360: one customer's key figures and its merged timeline, gathered from the modules that keep
 * them (customers, deals, follow-ups, orders, service requests) through their services.
 */
package dev.funnel.customer360;
