/** Contracts and orders of customers, and the payments received against them. */
package dev.funnel.order;
