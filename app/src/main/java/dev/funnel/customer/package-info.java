/** Customers (accounts) and their contacts. The root package is the module's API. */
package dev.funnel.customer;
