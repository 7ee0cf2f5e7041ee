/**
 * The module's views. Routes are addressable by URL anyway, so the shell (the menu) and pages that compose
 * several modules may use them: a named interface, the only part of the module besides its root package that
 * others may use.
 */
@org.springframework.modulith.NamedInterface("ui")
package dev.funnel.scoring.ui;
