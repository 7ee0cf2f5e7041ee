/** After-sales service requests of customers. */
package dev.funnel.support;
