/**
 * The PF4J plugin host: loads plugins from the plugins directory, lists them for administrators, and calls
 * every extension through {@link dev.funnel.plugin.ExtensionGuard}, so that a failing plugin never breaks a
 * user's action.
 */
package dev.funnel.plugin;
