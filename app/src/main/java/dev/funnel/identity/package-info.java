/**
 * Users, teams, roles and visibility: who may see which records. The root package is the module's API;
 * {@code internal} holds the jOOQ repositories and security wiring.
 */
package dev.funnel.identity;
