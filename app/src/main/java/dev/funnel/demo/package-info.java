/** Demo data: with FUNNEL_DEMO=true, fills an empty installation with a realistic Chinese B2B sales organisation. */
package dev.funnel.demo;
