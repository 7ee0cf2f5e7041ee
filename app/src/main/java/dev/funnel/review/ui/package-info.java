/**
 * The review meetings' pages: the list, the meeting itself and its print view. Routes are addressable by URL
 * anyway, so the shell (the menu) may use them: a named interface.
 */
@org.springframework.modulith.NamedInterface("ui")
package dev.funnel.review.ui;
