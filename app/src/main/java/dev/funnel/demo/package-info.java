/**
 * Demo data: with FUNNEL_DEMO=true, fills an empty installation with a realistic Chinese B2B sales organisation,
 * planned here and stored through the other modules' own services and imports, never into their tables.
 */
package dev.funnel.demo;
