/**
 * Scoring: every scoring plugin's verdict on every open deal (win probability, grade, the factors that decided
 * it), the models learning scorers were trained to on the company's own closed deals, and the deal as it stood
 * at any past moment, which training needs. The root package is the module's API.
 */
package dev.funnel.scoring;
